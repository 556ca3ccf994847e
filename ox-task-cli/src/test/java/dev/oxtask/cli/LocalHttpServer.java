package dev.oxtask.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 serving fixed files; any other path is 404. {@code /slow/...}
 * answers only once {@link #close} is called.
 */
final class LocalHttpServer implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  LocalHttpServer(java.util.Map<String, String> files) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requested.add(path);
          if (path.startsWith("/slow/")) {
            try {
              closing.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          String body = files.get(path);
          byte[] bytes = (body != null ? body : "Not Found").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body != null ? 200 : 404, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.setExecutor(threads);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The paths asked for, in order. */
  List<String> requested() {
    return requested;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
