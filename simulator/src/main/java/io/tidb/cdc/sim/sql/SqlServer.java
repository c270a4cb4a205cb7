package io.tidb.cdc.sim.sql;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.tidb.cdc.sim.Network;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL front end over HTTP (on 127.0.0.1 unless told otherwise): {@code POST /sql} with a body
 * of MySQL statements answers the {@link ScriptResult} as JSON (200 when every statement ran, 400
 * with the failing statement otherwise); {@code GET /health} answers {@code ok}. Each request is
 * one session; a BEGIN without COMMIT is rolled back and reported.
 */
public final class SqlServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqlServer.class);
  private static final int MAX_BODY_BYTES = 64 << 20;

  private final HttpServer http;
  private final ExecutorService executor;
  private final Network network;

  private SqlServer(HttpServer http, ExecutorService executor, Network network) {
    this.http = http;
    this.network = network;
    this.executor = executor;
  }

  /** Starts listening on 127.0.0.1:{@code port} (0: any free port). */
  public static SqlServer start(SqlEngine engine, int port) {
    return start(engine, Network.LOOPBACK, port);
  }

  /** Starts listening on {@code network}'s listen host and {@code port} (0: any free port). */
  public static SqlServer start(SqlEngine engine, Network network, int port) {
    HttpServer http;
    try {
      http = HttpServer.create(new InetSocketAddress(network.listenHost(), port), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot listen on " + network.listenHost() + ":" + port + ": " + e.getMessage(), e);
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "sql-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(executor);
    http.createContext("/sql", ex -> handleSql(engine, ex));
    http.createContext("/health", ex -> respond(ex, 200, "text/plain", "ok"));
    http.start();
    return new SqlServer(http, executor, network);
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** Serves {@code path} with {@code handler} too (the simulator's workload and dump endpoints). */
  public void route(String path, HttpHandler handler) {
    http.createContext(path, handler);
  }

  /** {@code host:port} as advertised ({@code 127.0.0.1:port} by default). */
  public String address() {
    return network.advertised(port());
  }

  private static void handleSql(SqlEngine engine, HttpExchange ex) throws IOException {
    try {
      if (!ex.getRequestMethod().equals("POST")) {
        respond(
            ex, 405, "application/json", error("use POST /sql with the statements as the body"));
        return;
      }
      byte[] body = readBody(ex.getRequestBody());
      if (body == null) {
        respond(
            ex,
            413,
            "application/json",
            error("request body larger than " + MAX_BODY_BYTES + " bytes"));
        return;
      }
      ScriptResult r = engine.execute(new String(body, StandardCharsets.UTF_8));
      respond(ex, r.ok() ? 200 : 400, "application/json", r.toJson());
    } catch (RuntimeException e) {
      LOG.warn("SQL request failed", e);
      respond(ex, 500, "application/json", error("internal error: " + e));
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    return body.length > MAX_BODY_BYTES ? null : body;
  }

  private static String error(String message) {
    return new ScriptResult(
            java.util.List.of(), java.util.Optional.of(new ScriptResult.SqlError(0, "", message)))
        .toJson();
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    http.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
