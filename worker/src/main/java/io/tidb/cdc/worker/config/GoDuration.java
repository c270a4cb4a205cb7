package io.tidb.cdc.worker.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Go and Kubernetes write them ({@code 24h}, {@code 1h30m}, {@code 90s}, {@code
 * 500ms}); a bare integer is seconds, as TiCDC's {@code gc-ttl}.
 */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

  private GoDuration() {}

  /**
   * @throws IllegalArgumentException saying what a valid duration looks like
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(t));
    }
    Matcher m = PART.matcher(t);
    Duration d = Duration.ZERO;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      d =
          d.plus(
              switch (m.group(2)) {
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                case "s" -> Duration.ofSeconds(n);
                default -> Duration.ofMillis(n);
              });
      at = m.end();
    }
    if (t.isEmpty() || at != t.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write e.g. 24h, 1h30m, 90s or a number of seconds");
    }
    return d;
  }
}
