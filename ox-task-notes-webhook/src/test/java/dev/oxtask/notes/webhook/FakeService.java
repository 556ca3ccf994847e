package dev.oxtask.notes.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A web service on 127.0.0.1 standing in for Telegram, Discord...: records and answers. */
final class FakeService implements AutoCloseable {

  /** One request as received. */
  record Request(
      String method, String path, String query, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** One scripted answer; {@code silent} answers never. */
  record Answer(int status, String body, Map<String, String> headers, boolean silent) {
    static Answer ok(String body) {
      return new Answer(200, body, Map.of(), false);
    }

    static Answer of(int status, String body) {
      return new Answer(status, body, Map.of(), false);
    }

    static Answer of(int status, String body, String header, String value) {
      return new Answer(status, body, Map.of(header, value), false);
    }

    static Answer silence() {
      return new Answer(0, "", Map.of(), true);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();
  private final Answer otherwise;
  private final CountDownLatch closing = new CountDownLatch(1);

  /** Answers {@code answers} in turn, then {@code 200 {"ok":true}} to anything more. */
  FakeService(Answer... answers) throws IOException {
    this(Answer.ok("{\"ok\":true}"), List.of(answers));
  }

  /** Answers {@code answers} in turn, then {@code otherwise} to anything more. */
  static FakeService answering(Answer otherwise, Answer... answers) throws IOException {
    return new FakeService(otherwise, List.of(answers));
  }

  private FakeService(Answer otherwise, List<Answer> answers) throws IOException {
    this.otherwise = otherwise;
    script.addAll(answers);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code path}. */
  String url(String path) {
    return "http://" + host() + path;
  }

  /** How a note may name this server: host and port only. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request only() {
    org.assertj.core.api.Assertions.assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  /** A URL on 127.0.0.1 where nothing listens: connections are refused at once. */
  static String closedPortUrl(String path) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    return "http://127.0.0.1:" + port + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              Map.copyOf(exchange.getRequestHeaders()),
              body));
      Answer answer;
      synchronized (script) {
        answer = script.isEmpty() ? otherwise : script.removeFirst();
      }
      if (answer.silent()) {
        // Holds the request open until the test ends: a server that never answers.
        closing.await(60, TimeUnit.SECONDS);
        return;
      }
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
