package io.tidb.cdc.worker.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed sink URI, {@code scheme://[user[:password]@]host[:port]/path?key=value&...}, as TiCDC
 * takes them ({@code mysql://root@127.0.0.1:3306/}, {@code kafka://broker:9092/topic?protocol=...},
 * {@code file:///dir?protocol=canal-json}, {@code blackhole://}). Query values are percent-decoded.
 * {@link #toString()} hides a password.
 */
public record SinkUri(
    SinkScheme scheme,
    String userInfo,
    String host,
    int port,
    String path,
    Map<String, String> params) {

  public SinkUri {
    Objects.requireNonNull(scheme, "scheme");
    userInfo = userInfo == null ? "" : userInfo;
    host = host == null ? "" : host;
    path = path == null ? "" : path;
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /**
   * Parses {@code text}.
   *
   * @throws SinkUriException naming the bad part: the syntax, the scheme (listing the supported
   *     ones, or saying a known one is not supported yet), or a query parameter
   */
  public static SinkUri parse(String text) {
    if (text == null || text.isBlank()) {
      throw new SinkUriException(
          "the sink URI is empty; expected scheme://..., e.g. file:///tmp/out?protocol=canal-json"
              + " or blackhole://");
    }
    String trimmed = text.trim();
    String shown = redact(trimmed);
    // java.net.URI wants something after "//" ("blackhole://" is fine for Go's url.Parse).
    int sep = trimmed.indexOf("://");
    boolean bare =
        sep > 0 && (sep + 3 == trimmed.length() || "?#".indexOf(trimmed.charAt(sep + 3)) >= 0);
    URI uri;
    try {
      uri =
          new URI(
              bare ? trimmed.substring(0, sep + 3) + "/" + trimmed.substring(sep + 3) : trimmed);
    } catch (URISyntaxException e) {
      throw new SinkUriException(
          "sink URI '" + shown + "' is malformed at index " + e.getIndex() + ": " + e.getReason());
    }
    if (uri.getScheme() == null) {
      throw new SinkUriException(
          "sink URI '"
              + shown
              + "' has no scheme; expected scheme://..., supported schemes: "
              + SinkScheme.supportedNames());
    }
    SinkScheme scheme =
        SinkScheme.of(uri.getScheme())
            .orElseThrow(
                () ->
                    new SinkUriException(
                        "unknown sink scheme '"
                            + uri.getScheme()
                            + "' in '"
                            + shown
                            + "'; supported: "
                            + SinkScheme.supportedNames()
                            + " (reserved for later: "
                            + SinkScheme.laterNames()
                            + ")"));
    if (!scheme.isSupported()) {
      throw new SinkUriException(
          "sink scheme '"
              + scheme.scheme()
              + "' in '"
              + shown
              + "' is not supported yet;"
              + " supported now: "
              + SinkScheme.supportedNames());
    }
    if (uri.isOpaque()) {
      throw new SinkUriException(
          "sink URI '"
              + shown
              + "' must have the form "
              + scheme.scheme()
              + "://host/path"
              + " (the '//' is missing)");
    }
    if (uri.getRawAuthority() != null
        && uri.getHost() == null
        && !uri.getRawAuthority().isEmpty()) {
      throw new SinkUriException(
          "sink URI '" + shown + "' has an invalid host or port '" + uri.getRawAuthority() + "'");
    }
    return new SinkUri(
        scheme,
        uri.getUserInfo(),
        uri.getHost(),
        uri.getPort(),
        bare ? "" : uri.getPath(),
        query(uri.getRawQuery(), shown));
  }

  public Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** {@code host} or {@code host:port}. */
  public String authority() {
    return port < 0 ? host : host + ":" + port;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(scheme.scheme()).append("://");
    if (!userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      sb.append(colon < 0 ? userInfo : userInfo.substring(0, colon) + ":xxxxx").append('@');
    }
    sb.append(authority()).append(path);
    String sep = "?";
    for (Map.Entry<String, String> e : params.entrySet()) {
      sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
      sep = "&";
    }
    return sb.toString();
  }

  private static Map<String, String> query(String raw, String shown) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    int n = 0;
    for (String pair : raw.split("&", -1)) {
      n++;
      if (pair.isEmpty()) {
        continue; // "a=1&&b=2" and a trailing '&' are harmless
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), shown);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), shown);
      if (key.isEmpty()) {
        throw new SinkUriException(
            "query parameter #" + n + " ('" + pair + "') of sink URI '" + shown + "' has no name");
      }
      if (out.putIfAbsent(key, value) != null) {
        throw new SinkUriException(
            "query parameter '" + key + "' is given more than once in sink URI '" + shown + "'");
      }
    }
    return out;
  }

  private static String decode(String s, String shown) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SinkUriException(
          "query part '"
              + s
              + "' of sink URI '"
              + shown
              + "' has a bad %-escape: "
              + e.getMessage());
    }
  }

  /** The text with a password in the user info replaced, for messages. */
  static String redact(String text) {
    int schemeEnd = text.indexOf("://");
    if (schemeEnd < 0) {
      return text;
    }
    int start = schemeEnd + 3;
    int slash = text.indexOf('/', start);
    int at = text.lastIndexOf('@', slash < 0 ? text.length() : slash);
    if (at < start) {
      return text;
    }
    int colon = text.indexOf(':', start);
    if (colon < 0 || colon > at) {
      return text;
    }
    return text.substring(0, colon + 1) + "xxxxx" + text.substring(at);
  }
}
