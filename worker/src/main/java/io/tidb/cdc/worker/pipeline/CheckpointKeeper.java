package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.puller.pd.GcSafePointKeeper;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.sink.Sink;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a changefeed checkpoint last: saves it in the position store (the resume point), tells the
 * sink, and keeps PD's service GC safe point at it, each at its own pace. Owner thread only.
 */
final class CheckpointKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointKeeper.class);

  private final PositionStore store;
  private final GcSafePointKeeper gc;
  private final Sink sink;
  private final long saveIntervalMillis;
  private final long gcIntervalMillis;
  private final LongSupplier clock;
  private final Failures failures;
  private long saved;
  private long savedAt;
  private long gcKeptAt;
  private long gcAt;

  CheckpointKeeper(
      PositionStore store,
      GcSafePointKeeper gc,
      Sink sink,
      Duration saveInterval,
      Duration gcTtl,
      LongSupplier clockMillis,
      Failures failures) {
    this.store = store;
    this.gc = gc;
    this.sink = sink;
    this.saveIntervalMillis = saveInterval.toMillis();
    // Refresh well within the TTL, and at least every minute so PD's view stays current.
    this.gcIntervalMillis = Math.max(1000, Math.min(gcTtl.toMillis() / 3, 60_000));
    this.clock = clockMillis;
    this.failures = failures;
  }

  /** The checkpoint last saved. */
  long saved() {
    return saved;
  }

  /** Sets the starting point (already protected by the GC safe point) without saving it. */
  void init(long startTs) {
    saved = startTs;
    gcKeptAt = startTs;
    long now = clock.getAsLong();
    savedAt = now;
    gcAt = now;
  }

  /** Called every tick with the current checkpoint; saves and refreshes when due. */
  void onCheckpoint(long checkpointTs) {
    long now = clock.getAsLong();
    if (checkpointTs > saved && now - savedAt >= saveIntervalMillis) {
      save(checkpointTs);
    }
    if (now - gcAt >= gcIntervalMillis) {
      keepGc(saved);
    }
  }

  /** Saves {@code checkpointTs} now if it moved (a stop, the target ts). */
  void saveNow(long checkpointTs) {
    if (checkpointTs > saved) {
      save(checkpointTs);
    }
    keepGc(saved);
  }

  private void save(long checkpointTs) {
    try {
      store.saveCheckpoint(checkpointTs);
    } catch (IOException e) {
      failures.fail("saving the checkpoint", e);
      return;
    }
    saved = checkpointTs;
    savedAt = clock.getAsLong();
    sink.writeCheckpoint(checkpointTs)
        .whenComplete(
            (v, err) -> {
              if (err != null) {
                failures.fail("writing the checkpoint to the sink", err);
              }
            });
  }

  private void keepGc(long ts) {
    gcAt = clock.getAsLong();
    if (ts <= 0) {
      return;
    }
    try {
      gc.keepAt(ts);
      gcKeptAt = ts;
    } catch (PdException e) {
      // PD unreachable: keep replicating; the TTL covers a short outage. Retried next interval.
      LOG.warn(
          "could not move the GC safe point of {} to {} (held at {}): {}",
          gc.serviceId(),
          ts,
          gcKeptAt,
          e.getMessage());
    }
  }
}
