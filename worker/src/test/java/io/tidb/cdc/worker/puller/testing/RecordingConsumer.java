package io.tidb.cdc.worker.puller.testing;

import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.SorterException;
import io.tidb.cdc.worker.sorter.memory.MemorySorter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what a puller delivers for one span and checks the delivery rules on the fly: resolved ts
 * strictly increasing, no row at or below a resolved ts delivered before it. Rows also go through a
 * sorter, whose output is recorded for per-key order checks.
 */
public class RecordingConsumer implements SpanConsumer {
  private final List<RawKvEvent> events = new ArrayList<>();
  private final List<RawKvEvent> sorted = new ArrayList<>();
  private final List<Long> resolved = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final List<PullerException> failures = new ArrayList<>();
  private final MemorySorter sorter;
  private long lastResolved;
  private volatile Thread callbackThread;

  public RecordingConsumer(long startTs) {
    this.lastResolved = startTs;
    this.sorter =
        new MemorySorter(
            startTs,
            new SortedEventSink() {
              @Override
              public void onEvent(RawKvEvent event) {
                sorted.add(event);
              }

              @Override
              public void onResolved(long resolvedTs) {}
            });
  }

  @Override
  public synchronized void onEvent(RawKvEvent event) {
    checkThread();
    if (event.commitTs() <= lastResolved) {
      violations.add("event " + event + " at or below resolved ts " + lastResolved);
    }
    events.add(event);
    try {
      sorter.add(event);
    } catch (SorterException e) {
      violations.add("sorter refused " + event + ": " + e.getMessage());
    }
  }

  @Override
  public synchronized void onResolved(ResolvedTsEvent r) {
    checkThread();
    if (r.resolvedTs() <= lastResolved) {
      violations.add("resolved ts went from " + lastResolved + " to " + r.resolvedTs());
    }
    lastResolved = Math.max(lastResolved, r.resolvedTs());
    resolved.add(r.resolvedTs());
    try {
      sorter.resolve(r.resolvedTs());
    } catch (SorterException e) {
      violations.add("sorter failed at " + r.resolvedTs() + ": " + e.getMessage());
    }
    notifyAll();
  }

  @Override
  public synchronized void onFailure(PullerException error) {
    failures.add(error);
    notifyAll();
  }

  private void checkThread() {
    Thread t = callbackThread;
    if (t == null) {
      callbackThread = Thread.currentThread();
    } else if (t != Thread.currentThread()) {
      violations.add(
          "callbacks from two threads: "
              + t.getName()
              + " and "
              + Thread.currentThread().getName());
    }
  }

  /** Waits until the resolved ts reaches {@code ts}; false on timeout. */
  public synchronized boolean awaitResolved(long ts, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lastResolved < ts) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !failures.isEmpty()) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  public synchronized long lastResolved() {
    return lastResolved;
  }

  public synchronized List<RawKvEvent> events() {
    return List.copyOf(events);
  }

  /** Rows the sorter released so far, in release order. */
  public synchronized List<RawKvEvent> sorted() {
    return List.copyOf(sorted);
  }

  public synchronized List<Long> resolved() {
    return List.copyOf(resolved);
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized List<PullerException> failures() {
    return List.copyOf(failures);
  }
}
