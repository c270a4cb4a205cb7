package io.tidb.cdc.tidb.types;

import io.tidb.cdc.tidb.codec.CodecException;
import java.time.DateTimeException;
import java.time.LocalDateTime;

/**
 * A DATE / DATETIME / TIMESTAMP value as MySQL sees it: calendar fields that may be zero ({@code
 * 0000-00-00}), so not always a {@link LocalDateTime}. TiDB stores TIMESTAMP values in UTC.
 *
 * <p>Two 64-bit forms exist: the packed form of rows and keys ({@link #toPackedUint()}, TiDB's
 * {@code ToPackedUint}) and TiDB's in-memory {@code CoreTime} used inside binary JSON ({@link
 * #toCoreTime()}).
 */
public record MysqlTime(
    int year, int month, int day, int hour, int minute, int second, int microsecond) {

  public static final MysqlTime ZERO = new MysqlTime(0, 0, 0, 0, 0, 0, 0);

  public MysqlTime {
    check(year, 0, 9999, "year");
    check(month, 0, 12, "month");
    check(day, 0, 31, "day");
    check(hour, 0, 23, "hour");
    check(minute, 0, 59, "minute");
    check(second, 0, 59, "second");
    check(microsecond, 0, 999_999, "microsecond");
  }

  public static MysqlTime of(LocalDateTime t) {
    return new MysqlTime(
        t.getYear(),
        t.getMonthValue(),
        t.getDayOfMonth(),
        t.getHour(),
        t.getMinute(),
        t.getSecond(),
        t.getNano() / 1000);
  }

  public static MysqlTime date(int year, int month, int day) {
    return new MysqlTime(year, month, day, 0, 0, 0, 0);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  /**
   * TiDB's {@code ToPackedUint}: {@code ((year*13+month)<<5 | day) << 17 | hour<<12 | minute<<6 |
   * second}, shifted left 24 bits, plus microseconds. The zero time packs to 0.
   */
  public long toPackedUint() {
    if (isZero()) {
      return 0;
    }
    long ymd = ((long) (year * 13 + month) << 5) | day;
    long hms = ((long) hour << 12) | ((long) minute << 6) | second;
    return ((ymd << 17 | hms) << 24) | microsecond;
  }

  /** TiDB's {@code FromPackedUint}. */
  public static MysqlTime fromPackedUint(long packed) {
    if (packed == 0) {
      return ZERO;
    }
    long ymdhms = packed >>> 24;
    long ymd = ymdhms >>> 17;
    int day = (int) (ymd & 0x1F);
    long ym = ymd >>> 5;
    int month = (int) (ym % 13);
    int year = (int) (ym / 13);
    long hms = ymdhms & 0x1FFFF;
    int second = (int) (hms & 0x3F);
    int minute = (int) ((hms >>> 6) & 0x3F);
    int hour = (int) (hms >>> 12);
    int micro = (int) (packed & 0xFFFFFF);
    try {
      return new MysqlTime(year, month, day, hour, minute, second, micro);
    } catch (IllegalArgumentException e) {
      throw new CodecException("invalid packed time 0x" + Long.toHexString(packed), e);
    }
  }

  /**
   * TiDB's {@code CoreTime} bit layout: year 14 bits at 50, month 4 at 46, day 5 at 41, hour 5 at
   * 36, minute 6 at 30, second 6 at 24, microsecond 20 at 4; the low 4 bits (fsp and type in a
   * {@code Time}) are zero.
   */
  public long toCoreTime() {
    return ((long) year << 50)
        | ((long) month << 46)
        | ((long) day << 41)
        | ((long) hour << 36)
        | ((long) minute << 30)
        | ((long) second << 24)
        | ((long) microsecond << 4);
  }

  public static MysqlTime fromCoreTime(long core) {
    try {
      return new MysqlTime(
          (int) ((core >>> 50) & 0x3FFF),
          (int) ((core >>> 46) & 0xF),
          (int) ((core >>> 41) & 0x1F),
          (int) ((core >>> 36) & 0x1F),
          (int) ((core >>> 30) & 0x3F),
          (int) ((core >>> 24) & 0x3F),
          (int) ((core >>> 4) & 0xFFFFF));
    } catch (IllegalArgumentException e) {
      throw new CodecException("invalid core time 0x" + Long.toHexString(core), e);
    }
  }

  /** The value as a {@link LocalDateTime}, failing for zero or otherwise invalid dates. */
  public LocalDateTime toLocalDateTime() {
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, microsecond * 1000);
    } catch (DateTimeException e) {
      throw new IllegalStateException("MySQL time " + format(6) + " is not a valid date-time", e);
    }
  }

  /** {@code YYYY-MM-DD}. */
  public String formatDate() {
    return String.format("%04d-%02d-%02d", year, month, day);
  }

  /**
   * {@code YYYY-MM-DD hh:mm:ss[.ffffff]} with {@code fsp} (0..6) fraction digits, as TiDB prints.
   */
  public String format(int fsp) {
    String s = formatDate() + String.format(" %02d:%02d:%02d", hour, minute, second);
    if (fsp > 0) {
      s += "." + String.format("%06d", microsecond).substring(0, Math.min(fsp, 6));
    }
    return s;
  }

  private static void check(int v, int min, int max, String what) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(what + " " + v + " outside [" + min + ", " + max + "]");
    }
  }
}
