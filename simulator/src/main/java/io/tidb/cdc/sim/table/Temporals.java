package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.types.MysqlTime;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing of MySQL date/time literals: {@code YYYY-MM-DD[( |T)hh:mm:ss[.fraction]]} for DATE,
 * DATETIME and TIMESTAMP, {@code [-][D ]hh:mm:ss[.fraction]} or {@code [-]hhmmss} for TIME.
 * Fractions are rounded half up to the column's precision, as TiDB does.
 */
final class Temporals {
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,9}))?)?");
  private static final Pattern DURATION =
      Pattern.compile("(-)?(?:(\\d+) )?(\\d{1,3}):(\\d{1,2})(?::(\\d{1,2}))?(?:\\.(\\d{1,9}))?");
  private static final Pattern DURATION_DIGITS =
      Pattern.compile("(-)?(\\d{1,7})(?:\\.(\\d{1,9}))?");
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** MySQL's TIME range: -838:59:59 .. 838:59:59. */
  static final long MAX_DURATION_NANOS = (838L * 3600 + 59 * 60 + 59) * NANOS_PER_SECOND;

  private Temporals() {}

  /** A date-time rounded to {@code fsp} digits; {@code dateOnly} drops the time of day. */
  static MysqlTime parseDateTime(String text, int fsp, boolean dateOnly) {
    Matcher m = DATE_TIME.matcher(text.trim());
    if (!m.matches()) {
      throw new ValueException("incorrect date/time value '" + text + "'");
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (year == 0 || month == 0 || day == 0) {
      throw new ValueException(
          "incorrect date/time value '" + text + "' (zero dates are not allowed)");
    }
    int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
    int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
    int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    long nanos = fractionNanos(m.group(7));
    try {
      LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second);
      if (dateOnly) {
        return MysqlTime.of(t.toLocalDate().atStartOfDay());
      }
      return MysqlTime.of(t.plusNanos(roundNanos(nanos, fsp)));
    } catch (DateTimeException e) {
      throw new ValueException("incorrect date/time value '" + text + "': " + e.getMessage(), e);
    }
  }

  /** A date-time from a {@link LocalDateTime} or {@link LocalDate}, rounded to {@code fsp}. */
  static MysqlTime of(LocalDateTime t, int fsp, boolean dateOnly) {
    if (dateOnly) {
      return MysqlTime.of(t.toLocalDate().atStartOfDay());
    }
    return MysqlTime.of(t.withNano(0).plusNanos(roundNanos(t.getNano(), fsp)));
  }

  /** A TIME literal as signed nanoseconds rounded to {@code fsp}. */
  static long parseDuration(String text, int fsp) {
    String s = text.trim();
    Matcher m = DURATION.matcher(s);
    long nanos;
    boolean negative;
    if (m.matches()) {
      negative = m.group(1) != null;
      long days = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
      long hours = Long.parseLong(m.group(3)) + days * 24;
      long minutes = Long.parseLong(m.group(4));
      long seconds = m.group(5) == null ? 0 : Long.parseLong(m.group(5));
      checkClock(text, minutes, seconds);
      nanos =
          ((hours * 60 + minutes) * 60 + seconds) * NANOS_PER_SECOND + fractionNanos(m.group(6));
    } else {
      Matcher d = DURATION_DIGITS.matcher(s);
      if (!d.matches()) {
        throw new ValueException("incorrect time value '" + text + "'");
      }
      negative = d.group(1) != null;
      long v = Long.parseLong(d.group(2));
      long seconds = v % 100;
      long minutes = v / 100 % 100;
      long hours = v / 10_000;
      checkClock(text, minutes, seconds);
      nanos =
          ((hours * 60 + minutes) * 60 + seconds) * NANOS_PER_SECOND + fractionNanos(d.group(3));
    }
    nanos = nanos - nanos % NANOS_PER_SECOND + roundNanos(nanos % NANOS_PER_SECOND, fsp);
    if (nanos > MAX_DURATION_NANOS) {
      throw new ValueException("time value '" + text + "' is outside -838:59:59..838:59:59");
    }
    return negative ? -nanos : nanos;
  }

  private static void checkClock(String text, long minutes, long seconds) {
    if (minutes > 59 || seconds > 59) {
      throw new ValueException("incorrect time value '" + text + "'");
    }
  }

  private static long fractionNanos(String digits) {
    if (digits == null) {
      return 0;
    }
    String nine = (digits + "000000000").substring(0, 9);
    return Long.parseLong(nine);
  }

  /** Rounds a sub-second nano count half up to {@code fsp} digits (may yield a whole second). */
  private static long roundNanos(long nanos, int fsp) {
    long unit = 1;
    for (int i = fsp; i < 9; i++) {
      unit *= 10;
    }
    return (nanos + unit / 2) / unit * unit;
  }
}
