package io.tidb.cdc.crd.common;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Go duration strings ({@code 90s}, {@code 5m}, {@code 1h30m}, {@code 1.5h}) as TiCDC and
 * kubectl users write them. Negative durations are refused: no field here takes one.
 */
public final class GoDuration {
  /** Schema pattern for a Go duration; a bare {@code 0} is also accepted, as in Go. */
  public static final String PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";

  /** Schema pattern for a Go duration or a whole number of seconds. */
  public static final String PATTERN_OR_SECONDS =
      "^([0-9]+|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+)$";

  private static final Pattern TERM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ns|us|µs|ms|s|m|h)");
  private static final Pattern SECONDS = Pattern.compile("[0-9]+");

  private GoDuration() {}

  /**
   * Parses a Go duration.
   *
   * @throws IllegalArgumentException naming the text when it is not a Go duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty duration: expected a Go duration such as 5m");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = TERM.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      nanos =
          nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
      end = m.end();
    }
    if (end != text.length()) {
      throw new IllegalArgumentException(
          "invalid duration \"" + text + "\": expected a Go duration such as 90s, 5m or 1h30m");
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
    }
  }

  /** Parses a Go duration, or a whole number of seconds ({@code 86400}). */
  public static Duration parseOrSeconds(String text) {
    if (text != null && SECONDS.matcher(text).matches()) {
      try {
        return Duration.ofSeconds(Long.parseLong(text));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration \"" + text + "\" is too large", e);
      }
    }
    return parse(text);
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> throw new IllegalStateException("unit " + unit);
    };
  }
}
