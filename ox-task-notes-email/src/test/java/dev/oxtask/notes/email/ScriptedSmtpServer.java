package dev.oxtask.notes.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 that answers {@code MAIL FROM} with a fixed reply, for the replies
 * GreenMail never gives (4xx, 5xx). It counts the connections made to it.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket socket;
  private final String mailFromReply;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<IOException> failures = new CopyOnWriteArrayList<>();

  ScriptedSmtpServer(String mailFromReply) throws IOException {
    this.mailFromReply = mailFromReply;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "scripted-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  /** Connections that broke off unexpectedly. */
  List<IOException> failures() {
    return List.copyOf(failures);
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        connections.incrementAndGet();
        converse(client);
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        failures.add(e);
      }
    }
  }

  private void converse(Socket client) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
    out.print("220 scripted ESMTP\r\n");
    out.flush();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String command = line.toUpperCase(Locale.ROOT);
      String reply;
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        reply = "250 scripted";
      } else if (command.startsWith("MAIL FROM")) {
        reply = mailFromReply;
      } else if (command.startsWith("QUIT")) {
        out.print("221 bye\r\n");
        out.flush();
        return;
      } else {
        reply = "250 OK";
      }
      out.print(reply + "\r\n");
      out.flush();
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
