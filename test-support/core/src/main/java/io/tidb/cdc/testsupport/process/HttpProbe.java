package io.tidb.cdc.testsupport.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One plain HTTP GET for readiness checks. HttpURLConnection rather than java.net.http: it starts
 * no executor threads that the leak check would have to reason about.
 */
public final class HttpProbe {
  private static final int TIMEOUT_MILLIS = 2000;

  /** Status code and body of a response. */
  public record Response(int status, String body) {}

  private HttpProbe() {}

  public static Response get(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    connection.setUseCaches(false);
    try {
      int status = connection.getResponseCode();
      InputStream stream =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String body = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      return new Response(status, body);
    } finally {
      connection.disconnect();
    }
  }
}
