package io.tidb.cdc.worker.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as Kubernetes quantities: {@code 1Gi}, {@code 512Mi}, {@code 2G}, or plain bytes. */
public final class Quantity {
  private static final Pattern FORM = Pattern.compile("(\\d+)(Ki|Mi|Gi|Ti|k|M|G|T)?");
  private static final Map<String, Long> UNITS =
      Map.of(
          "Ki",
          1L << 10,
          "Mi",
          1L << 20,
          "Gi",
          1L << 30,
          "Ti",
          1L << 40,
          "k",
          1_000L,
          "M",
          1_000_000L,
          "G",
          1_000_000_000L,
          "T",
          1_000_000_000_000L);

  private Quantity() {}

  /**
   * @throws IllegalArgumentException saying what a valid quantity looks like
   */
  public static long parseBytes(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a byte quantity; write e.g. 1Gi, 512Mi or a number of bytes");
    }
    long unit = m.group(2) == null ? 1 : UNITS.get(m.group(2));
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is too large", e);
    }
  }
}
