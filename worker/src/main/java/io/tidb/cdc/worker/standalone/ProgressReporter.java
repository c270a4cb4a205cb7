package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prints the progress line: on a terminal redrawn in place a few times a second, in a pipe as a
 * plain line every few seconds (so logs stay readable). The rate is measured over a sliding window
 * of the last samples.
 */
public final class ProgressReporter implements AutoCloseable {
  /** How the line is shown. */
  public enum Mode {
    /** Redrawn in place with a carriage return. */
    TERMINAL,
    /** One plain line per interval. */
    PLAIN,
    /** Not shown. */
    OFF
  }

  private static final int WINDOW = 8;

  private final Supplier<ChangefeedStatus> status;
  private final PrintStream out;
  private final Mode mode;
  private final ScheduledExecutorService timer;
  private final long[] rows = new long[WINDOW];
  private final long[] times = new long[WINDOW];
  private int samples;
  private int lastLength;

  public ProgressReporter(Supplier<ChangefeedStatus> status, PrintStream out, Mode mode) {
    this.status = status;
    this.out = out;
    this.mode = mode;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** The mode for this process: a terminal when there is a console, else plain lines. */
  public static Mode detect() {
    return System.console() != null ? Mode.TERMINAL : Mode.PLAIN;
  }

  public void start() {
    if (mode == Mode.OFF) {
      return;
    }
    line(System.currentTimeMillis()); // the baseline the first rate is measured against
    Duration every = mode == Mode.TERMINAL ? Duration.ofMillis(250) : Duration.ofSeconds(5);
    timer.scheduleAtFixedRate(
        this::print, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void print() {
    String line = line(System.currentTimeMillis());
    if (mode == Mode.TERMINAL) {
      // Pad over the previous line's tail instead of relying on ANSI erase codes.
      int pad = Math.max(0, lastLength - line.length());
      out.print("\r" + line + " ".repeat(pad));
      lastLength = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** Takes a sample and renders the line for {@code nowMillis}. */
  synchronized String line(long nowMillis) {
    ChangefeedStatus s = status.get();
    int i = samples % WINDOW;
    rows[i] = s.rowsFlushed();
    times[i] = nowMillis;
    samples++;
    int oldest = samples < WINDOW ? 0 : samples % WINDOW;
    double rate = ProgressLine.rate(rows[oldest], times[oldest], rows[i], times[i]);
    return ProgressLine.render(s, nowMillis, rate, ZoneId.systemDefault());
  }

  /** Stops and, on a terminal, prints the final line and a newline. */
  @Override
  public void close() {
    timer.shutdownNow();
    if (mode != Mode.OFF) {
      synchronized (this) {
        String line = line(System.currentTimeMillis());
        if (mode == Mode.TERMINAL) {
          int pad = Math.max(0, lastLength - line.length());
          out.println("\r" + line + " ".repeat(pad));
        } else {
          out.println(line);
        }
        out.flush();
      }
    }
  }
}
