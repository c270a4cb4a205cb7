package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.event.ResolvedTsEvent;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.mounter.MountException;
import io.tidb.cdc.worker.mounter.MountResult;
import io.tidb.cdc.worker.mounter.Mounter;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.puller.PullerException;
import io.tidb.cdc.worker.puller.SpanConsumer;
import io.tidb.cdc.worker.puller.Subscription;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sorter.SortedEventSink;
import io.tidb.cdc.worker.sorter.Sorter;
import io.tidb.cdc.worker.sorter.SorterException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The data path of one physical table: its puller subscription feeds a sorter; the sorter releases
 * up to the lower of the table's resolved ts and the changefeed's barrier; released changes are
 * mounted, filtered and written to the sink whole transaction by whole transaction (a transaction
 * larger than {@link #MAX_TXN_CHUNK} rows is written in chunks, but never flushed apart).
 *
 * <p>Threads: the puller's worker thread calls {@link #onEvent} and {@link #onResolved}; the owner
 * calls {@link #release()} when the barrier moves and {@link #requestFlush}. Releases are
 * serialized by the sorter's lock, so the sink sees one table's rows in order.
 */
final class TablePipeline implements AutoCloseable {
  /** Rows written per sink call when transactions are small. */
  static final int WRITE_BATCH = 1024;

  /** A transaction beyond this many rows is written in pieces of this size. */
  static final int MAX_TXN_CHUNK = 16_384;

  private final long physicalId;
  private final String name;
  private final KeySpan span;
  private final Sorter sorter;
  private final Mounter mounter;
  private final ChangefeedFilter filter;
  private final Sink sink;
  private final LongSupplier barrier;
  private final Failures failures;
  private final AtomicLong mountedRows;
  private final List<RowChange> batch = new ArrayList<>();
  private Subscription subscription;
  private long batchCommitTs = -1;
  private long batchStartTs = -1;
  private volatile long pullerResolvedTs;
  private volatile long releasedTs;
  private volatile long checkpointTs;
  private long flushRequestedTs;
  private CompletableFuture<Long> flushInFlight;

  TablePipeline(
      long physicalId,
      String name,
      KeySpan span,
      long startTs,
      Function<SortedEventSink, Sorter> sorterFactory,
      Mounter mounter,
      ChangefeedFilter filter,
      Sink sink,
      LongSupplier barrier,
      Failures failures,
      AtomicLong mountedRows) {
    this.physicalId = physicalId;
    this.name = name;
    this.span = span;
    this.sorter = sorterFactory.apply(new Output());
    this.mounter = mounter;
    this.filter = filter;
    this.sink = sink;
    this.barrier = barrier;
    this.failures = failures;
    this.mountedRows = mountedRows;
    this.pullerResolvedTs = startTs;
    this.releasedTs = startTs;
    this.checkpointTs = startTs;
    this.flushRequestedTs = startTs;
  }

  void start(Puller puller) {
    subscription = puller.subscribe(span, checkpointTs, new Input());
  }

  long physicalId() {
    return physicalId;
  }

  String name() {
    return name;
  }

  /** The table's resolved ts from the puller. */
  long resolvedTs() {
    return pullerResolvedTs;
  }

  /** Everything at or below it was written to the sink. */
  long releasedTs() {
    return releasedTs;
  }

  /** Everything at or below it is durable in the sink. */
  long checkpointTs() {
    return checkpointTs;
  }

  /** What the puller delivers for the table's span. */
  private final class Input implements SpanConsumer {
    @Override
    public void onEvent(RawKvEvent event) {
      try {
        sorter.add(event);
      } catch (SorterException e) {
        failures.fail("sorter of " + name, e);
      }
    }

    @Override
    public void onResolved(ResolvedTsEvent resolved) {
      pullerResolvedTs = resolved.resolvedTs();
      release();
    }

    @Override
    public void onFailure(PullerException error) {
      failures.fail("puller of " + name, error);
    }
  }

  /** Releases what the table's resolved ts and the barrier allow. */
  void release() {
    long upTo = Math.min(pullerResolvedTs, barrier.getAsLong());
    if (upTo <= sorter.resolvedTs()) {
      return;
    }
    try {
      sorter.resolve(upTo);
    } catch (SorterException | RuntimeException e) {
      failures.fail("table " + name, e);
    }
  }

  /** What the sorter releases, under its lock: mounted, filtered, batched into the sink. */
  private final class Output implements SortedEventSink {
    @Override
    public void onEvent(RawKvEvent event) {
      boolean newTxn = event.commitTs() != batchCommitTs || event.startTs() != batchStartTs;
      if ((newTxn && batch.size() >= WRITE_BATCH) || batch.size() >= MAX_TXN_CHUNK) {
        writeBatch();
      }
      batchCommitTs = event.commitTs();
      batchStartTs = event.startTs();
      MountResult r;
      try {
        r = mounter.mount(event);
      } catch (MountException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      if (r instanceof MountResult.Row row) {
        mountedRows.incrementAndGet();
        if (!filter.shouldIgnoreDml(row.change())) {
          batch.add(row.change());
        }
      }
    }

    @Override
    public void onResolved(long ts) {
      writeBatch();
      releasedTs = ts;
    }
  }

  private void writeBatch() {
    if (!batch.isEmpty()) {
      sink.write(List.copyOf(batch));
      batch.clear();
    }
  }

  // ---- owner side --------------------------------------------------------------------------

  /**
   * Asks the sink to flush what was released, unless a flush is in flight or nothing is new. Owner
   * thread only.
   */
  void requestFlush() {
    long released = releasedTs;
    if (flushInFlight != null || released <= flushRequestedTs) {
      return;
    }
    flushRequestedTs = released;
    CompletableFuture<Long> f = sink.flush(physicalId, released);
    flushInFlight = f;
    f.whenComplete(
        (ts, err) -> {
          if (err != null) {
            failures.fail("flushing " + name, err);
          } else if (ts > checkpointTs) {
            checkpointTs = ts;
          }
        });
  }

  /** Drops the finished flush future so the next one can go. Owner thread only. */
  void collectFlush() {
    if (flushInFlight != null && flushInFlight.isDone()) {
      flushInFlight = null;
    }
  }

  /** Stops pulling; rows buffered in the sorter are dropped. */
  @Override
  public void close() {
    if (subscription != null) {
      subscription.close();
    }
    sorter.close();
  }
}
