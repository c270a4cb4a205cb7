package io.tidb.cdc.sim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tidb.cdc.sim.sql.SqlEngine;
import io.tidb.cdc.sim.workload.Workload;
import io.tidb.cdc.sim.workload.WorkloadOptions;
import io.tidb.cdc.sim.workload.WorkloadStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /workload} with a JSON {@link WorkloadOptions}: prepares the tables and runs the
 * workload inside the simulator, streaming one JSON line of progress about every second ({@code
 * {"progress": stats}}) and a last line {@code {"done": stats}} or {@code {"error": message}}. One
 * workload runs at a time (a second one is refused with 409): two generators writing the same
 * tables would fight over row ids.
 */
final class WorkloadHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadHandler.class);

  private final SqlEngine engine;
  private final AtomicBoolean running = new AtomicBoolean();

  WorkloadHandler(SqlEngine engine) {
    this.engine = engine;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestMethod().equals("POST")) {
        HttpReplies.error(ex, 405, "use POST /workload with JSON workload options as the body");
        return;
      }
      WorkloadOptions options;
      try {
        options =
            HttpReplies.JSON.readValue(ex.getRequestBody().readAllBytes(), WorkloadOptions.class);
      } catch (JsonMappingException e) {
        HttpReplies.error(ex, 400, "bad workload options: " + rootMessage(e));
        return;
      } catch (JsonProcessingException e) {
        HttpReplies.error(
            ex, 400, "workload options are not valid JSON: " + e.getOriginalMessage());
        return;
      }
      if (!running.compareAndSet(false, true)) {
        HttpReplies.error(ex, 409, "a workload is already running; wait for it to finish");
        return;
      }
      try {
        stream(ex, options);
      } finally {
        running.set(false);
      }
    }
  }

  private void stream(HttpExchange ex, WorkloadOptions options) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/x-ndjson; charset=utf-8");
    ex.sendResponseHeaders(200, 0);
    OutputStream out = ex.getResponseBody();
    try {
      Workload workload = new Workload(engine, options);
      workload.prepare();
      WorkloadStats done = workload.run(stats -> line(out, Map.of("progress", stats)));
      line(out, Map.of("done", done));
    } catch (UncheckedIOException e) {
      LOG.info("workload client went away: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("workload failed", e);
      line(out, Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  private static void line(OutputStream out, Object value) {
    try {
      out.write(HttpReplies.JSON.writeValueAsBytes(value));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t == e ? ((JsonMappingException) e).getOriginalMessage() : t.getMessage();
  }
}
