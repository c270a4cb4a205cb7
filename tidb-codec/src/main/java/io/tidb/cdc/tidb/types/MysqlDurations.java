package io.tidb.cdc.tidb.types;

/** Formatting of MySQL TIME values held as signed nanoseconds. */
public final class MysqlDurations {
  private MysqlDurations() {}

  /**
   * As TiDB prints a {@code Duration}: {@code [-]hh:mm:ss[.fraction]} with {@code fsp} fraction
   * digits (truncated); hours may exceed 24.
   */
  public static String format(long nanos, int fsp) {
    long abs = Math.abs(nanos);
    long micros = abs / 1000;
    long seconds = micros / 1_000_000;
    String s =
        String.format(
            "%s%02d:%02d:%02d",
            nanos < 0 ? "-" : "", seconds / 3600, seconds / 60 % 60, seconds % 60);
    if (fsp > 0) {
      s += "." + String.format("%06d", micros % 1_000_000).substring(0, Math.min(fsp, 6));
    }
    return s;
  }
}
