package io.tidb.cdc.sim.sql;

import java.util.Locale;
import java.util.Map;

/**
 * The charsets TiDB supports, their default collations (TiDB's: {@code utf8mb4_bin} for utf8mb4)
 * and widths. String bytes are stored as UTF-8 for every non-binary charset.
 */
final class Charsets {
  private static final Map<String, String> DEFAULT_COLLATION =
      Map.of(
          "utf8mb4", "utf8mb4_bin",
          "utf8", "utf8_bin",
          "utf8mb3", "utf8_bin",
          "latin1", "latin1_bin",
          "ascii", "ascii_bin",
          "binary", "binary",
          "gbk", "gbk_bin");
  private static final Map<String, Integer> MAX_LENGTH =
      Map.of("utf8mb4", 4, "utf8", 3, "utf8mb3", 3, "latin1", 1, "ascii", 1, "binary", 1, "gbk", 2);

  private Charsets() {}

  /** The charset and collation a table (or database) gives its string columns. */
  record Defaults(String charset, String collate) {
    static final Defaults TIDB = new Defaults("utf8mb4", "utf8mb4_bin");
  }

  /** A column's effective charset and collation. */
  record Resolved(String charset, String collate) {
    boolean isBinary() {
      return charset.equals("binary");
    }

    int maxBytesPerChar() {
      return MAX_LENGTH.getOrDefault(charset, 4);
    }
  }

  static Resolved resolve(String charset, String collate, Defaults table) {
    String cs = charset == null ? null : normalize(charset);
    String co = collate == null ? null : collate.toLowerCase(Locale.ROOT);
    if (cs == null && co == null) {
      return new Resolved(table.charset(), table.collate());
    }
    if (cs == null) {
      cs = co.equals("binary") ? "binary" : co.substring(0, Math.max(co.indexOf('_'), 0));
      cs = normalize(cs);
    }
    if (!DEFAULT_COLLATION.containsKey(cs)) {
      throw new SqlException("unknown character set '" + charset + "'");
    }
    if (co == null) {
      co = DEFAULT_COLLATION.get(cs);
    } else if (!co.equals("binary") && !co.startsWith(cs.equals("utf8mb3") ? "utf8" : cs)) {
      throw new SqlException("collation '" + co + "' is not valid for character set '" + cs + "'");
    }
    return new Resolved(cs, co);
  }

  static Defaults defaults(String charset, String collate, Defaults fallback) {
    if (charset == null && collate == null) {
      return fallback;
    }
    Resolved r = resolve(charset, collate, fallback);
    return new Defaults(r.charset(), r.collate());
  }

  /** The {@code _bin} collation of a charset (the column attribute {@code BINARY}). */
  static String binCollation(String charset) {
    return charset.equals("binary")
        ? "binary"
        : (charset.equals("utf8mb3") ? "utf8" : charset) + "_bin";
  }

  private static String normalize(String charset) {
    String cs = charset.toLowerCase(Locale.ROOT);
    if (!cs.isEmpty() && !DEFAULT_COLLATION.containsKey(cs)) {
      throw new SqlException("unknown character set '" + charset + "'");
    }
    return cs;
  }
}
