package dev.oxtask.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A server on 127.0.0.1 that accepts connections and never answers: a note that hangs. */
final class SilentServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  accepted.add(socket.accept());
                }
              } catch (IOException e) {
                // closed: the test is over
              }
            },
            "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A Slack-like webhook URL on this server. */
  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/services/T0/B0/silent";
  }

  /** Waits up to {@code seconds} for a first connection; true when one came. */
  boolean awaitConnection(int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (accepted.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return !accepted.isEmpty();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket s : accepted) {
      s.close();
    }
  }
}
