package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Tso;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one-line progress of a changefeed, e.g. {@code demo Normal checkpoint 12:04:31.250 (lag 0.8
 * s) 52,310 rows/s 4 tables 1,204,455 rows}. Pure: the caller gives the time and the rate.
 */
public final class ProgressLine {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

  private ProgressLine() {}

  public static String render(
      ChangefeedStatus s, long nowMillis, double rowsPerSecond, ZoneId zone) {
    StringBuilder sb = new StringBuilder();
    sb.append(s.name()).append("  ").append(s.phase().text());
    if (s.checkpointTs() > 0) {
      sb.append("  checkpoint ")
          .append(
              TIME.format(Instant.ofEpochMilli(Tso.physicalMillis(s.checkpointTs())).atZone(zone)))
          .append(
              String.format(
                  Locale.ROOT, " (lag %.1f s)", Tso.lagSeconds(s.checkpointTs(), nowMillis)));
    }
    sb.append(String.format(Locale.ROOT, "  %,d rows/s", Math.round(rowsPerSecond)));
    sb.append("  ").append(s.tables()).append(s.tables() == 1 ? " table" : " tables");
    sb.append(String.format(Locale.ROOT, "  %,d rows", s.rowsFlushed()));
    if (s.ddlsExecuted() > 0) {
      sb.append("  ").append(s.ddlsExecuted()).append(" DDL");
    }
    if (s.targetTs() > 0 && s.checkpointTs() > 0 && s.startTs() > 0 && s.targetTs() > s.startTs()) {
      double done =
          Math.min(1.0, (double) (s.checkpointTs() - s.startTs()) / (s.targetTs() - s.startTs()));
      sb.append(String.format(Locale.ROOT, "  %.0f%% to target", done * 100));
    }
    s.lastError().ifPresent(e -> sb.append("  last error: ").append(e));
    return sb.toString();
  }

  /** Rows per second between two samples of the flushed row count; 0 when no time passed. */
  public static double rate(long rowsBefore, long millisBefore, long rowsNow, long millisNow) {
    long dt = millisNow - millisBefore;
    return dt <= 0 ? 0 : Math.max(0, rowsNow - rowsBefore) * 1000.0 / dt;
  }
}
