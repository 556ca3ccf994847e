package dev.oxtask.notes.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

/** A Slack incoming webhook on 127.0.0.1: records each request and answers as scripted. */
final class FakeSlack implements AutoCloseable {

  /** The secret part of the webhook URL; it must never show up in any message. */
  static final String TOKEN = "sEcReTtOkEn0123456789abcd";

  static final String PATH = "/services/T0ACME0001/B0HOOK0002/" + TOKEN;

  /** One request as received. */
  record Request(String method, String path, String contentType, String body) {}

  /** One scripted answer; {@code silent} answers never. */
  record Answer(int status, String body, Map<String, String> headers, boolean silent) {
    static Answer ok() {
      return new Answer(200, "ok", Map.of(), false);
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
  private final CountDownLatch closing = new CountDownLatch(1);

  /** Answers {@code answers} in turn, then {@code 200 ok} to anything more. */
  FakeSlack(Answer... answers) throws IOException {
    script.addAll(List.of(answers));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The webhook URL, secret token included. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** How the note may name this server: host and port only. */
  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              exchange.getRequestHeaders().getFirst("Content-Type"),
              body));
      Answer answer;
      synchronized (script) {
        answer = script.isEmpty() ? Answer.ok() : script.removeFirst();
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
