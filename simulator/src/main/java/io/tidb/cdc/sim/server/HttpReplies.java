package io.tidb.cdc.sim.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Whole JSON replies of the workload and dump endpoints. */
final class HttpReplies {
  static final ObjectMapper JSON = new ObjectMapper();

  private HttpReplies() {}

  static void error(HttpExchange ex, int status, String message) throws IOException {
    send(ex, status, JSON.writeValueAsString(Map.of("error", message)) + "\n");
  }

  static void send(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
