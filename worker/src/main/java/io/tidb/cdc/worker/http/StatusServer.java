package io.tidb.cdc.worker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's HTTP server: {@code /healthz} (200 while the process serves), {@code /readyz} (200
 * while the changefeed replicates, 503 with its phase otherwise), {@code /metrics} and {@code
 * /api/v1/status}. One small thread; every answer is computed from one status snapshot.
 */
public final class StatusServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatusServer.class);

  private final HttpServer http;
  private final ExecutorService executor;

  private StatusServer(HttpServer http, ExecutorService executor) {
    this.http = http;
    this.executor = executor;
  }

  /**
   * Listens on {@code host:port} (port 0: any free port).
   *
   * @throws IOException when the address cannot be bound
   */
  public static StatusServer start(String host, int port, Supplier<ChangefeedStatus> status)
      throws IOException {
    return start(
        host,
        port,
        new View() {
          @Override
          public Optional<String> notReady() {
            Phase p = status.get().phase();
            boolean ready = p == Phase.NORMAL || p == Phase.FINISHED;
            return ready ? Optional.empty() : Optional.of(p.text());
          }

          @Override
          public String metrics(long nowMillis) {
            PrometheusText out = new PrometheusText();
            ChangefeedMetrics.render(status.get(), nowMillis, out);
            return out.render();
          }

          @Override
          public String statusJson(long nowMillis) {
            return StatusJson.render(status.get(), nowMillis);
          }
        });
  }

  /** What the server answers from: a standalone changefeed or a capture. */
  public interface View {
    /** Empty when ready; else why not. */
    Optional<String> notReady();

    String metrics(long nowMillis);

    String statusJson(long nowMillis);
  }

  /**
   * Listens on {@code host:port} (port 0: any free port), answering from {@code view}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static StatusServer start(String host, int port, View view) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/healthz", ex -> respond(ex, 200, "text/plain; charset=utf-8", "ok\n"));
    http.createContext(
        "/readyz",
        ex -> {
          Optional<String> why = view.notReady();
          respond(
              ex, why.isEmpty() ? 200 : 503, "text/plain; charset=utf-8", why.orElse("ok") + "\n");
        });
    http.createContext(
        "/metrics",
        ex ->
            respond(
                ex, 200, PrometheusText.CONTENT_TYPE, view.metrics(System.currentTimeMillis())));
    http.createContext(
        "/api/v1/status",
        ex ->
            respond(
                ex,
                200,
                "application/json; charset=utf-8",
                view.statusJson(System.currentTimeMillis()) + "\n"));
    http.start();
    return new StatusServer(http, executor);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int code, String type, String body)
      throws IOException {
    try (ex) {
      if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
        byte[] msg = "use GET\n".getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(405, msg.length);
        ex.getResponseBody().write(msg);
        return;
      }
      if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", type);
      if ("HEAD".equals(ex.getRequestMethod())) {
        ex.sendResponseHeaders(code, -1);
        return;
      }
      ex.sendResponseHeaders(code, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("HTTP {} failed: {}", ex.getRequestURI(), e.toString());
      throw e;
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
  }
}
