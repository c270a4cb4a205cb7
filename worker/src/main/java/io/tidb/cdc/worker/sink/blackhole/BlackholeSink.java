package io.tidb.cdc.worker.sink.blackhole;

import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.mounter.Column;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkException;
import io.tidb.cdc.worker.sink.SinkStats;
import io.tidb.cdc.worker.sink.TableOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Drops every change and counts it; flushes complete at once. With a protocol ({@code
 * blackhole://?protocol=canal-json}) rows are encoded and the encoded bytes counted, which measures
 * the encoder; without one, bytes are an estimate of the row's values. Thread-safe.
 */
public final class BlackholeSink implements Sink {
  private final Optional<Encoder> encoder;
  private final TableOrder order = new TableOrder("blackhole sink");
  // Per table: written, not yet flushed rows as (commitTs, count) runs in commit order.
  private final Map<Long, ArrayDeque<long[]>> pending = new HashMap<>();
  private long rowsWritten;
  private long bytesWritten;
  private long rowsFlushed;
  private long ddls;
  private long flushes;
  private long checkpointTs;
  private boolean closed;

  public BlackholeSink(Optional<Encoder> encoder) {
    this.encoder = encoder;
  }

  @Override
  public void write(List<RowChange> rows) {
    long bytes = 0;
    for (RowChange r : rows) {
      bytes += encoder.map(e -> (long) e.encodeRow(r).length()).orElseGet(() -> estimate(r));
    }
    synchronized (this) {
      ensureOpen();
      order.accept(rows);
      for (RowChange r : rows) {
        ArrayDeque<long[]> runs =
            pending.computeIfAbsent(r.physicalTableId(), k -> new ArrayDeque<>());
        long[] last = runs.peekLast();
        if (last != null && last[0] == r.commitTs()) {
          last[1]++;
        } else {
          runs.addLast(new long[] {r.commitTs(), 1});
        }
      }
      rowsWritten += rows.size();
      bytesWritten += bytes;
    }
  }

  @Override
  public synchronized CompletableFuture<Long> flush(long physicalTableId, long ts) {
    ensureOpen();
    ArrayDeque<long[]> runs = pending.get(physicalTableId);
    while (runs != null && !runs.isEmpty() && Long.compareUnsigned(runs.peekFirst()[0], ts) <= 0) {
      rowsFlushed += runs.pollFirst()[1];
    }
    flushes++;
    return CompletableFuture.completedFuture(ts);
  }

  @Override
  public synchronized CompletableFuture<Void> writeDdl(DdlEvent ddl) {
    ensureOpen();
    encoder.ifPresent(e -> e.encodeDdl(ddl));
    ddls++;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> writeCheckpoint(long ts) {
    ensureOpen();
    checkpointTs = Math.max(checkpointTs, ts);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> removeTable(long physicalTableId) {
    ensureOpen();
    pending.remove(physicalTableId);
    order.forget(physicalTableId);
    return CompletableFuture.completedFuture(null);
  }

  /** The highest changefeed checkpoint recorded, 0 before any. */
  public synchronized long checkpointTs() {
    return checkpointTs;
  }

  @Override
  public synchronized SinkStats stats() {
    return new SinkStats(rowsWritten, bytesWritten, rowsFlushed, ddls, flushes);
  }

  @Override
  public synchronized void close() {
    closed = true;
    pending.clear();
  }

  private void ensureOpen() {
    if (closed) {
      throw new SinkException("blackhole sink is closed");
    }
  }

  /** Roughly what the row's values take in memory, when no protocol is there to measure. */
  private static long estimate(RowChange row) {
    long n = 0;
    for (List<Column> image : List.of(row.columns(), row.preColumns())) {
      for (Column c : image) {
        ColumnValue v = c.value();
        n += v instanceof ColumnValue.Bytes b ? b.value().length : 8;
      }
    }
    return n;
  }
}
