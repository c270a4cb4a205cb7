package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A sink that records the order of calls, then passes them to a real sink. */
final class RecordingSink implements Sink {
  /** One recorded call. */
  sealed interface Call {}

  record Rows(String table, long physicalId, long minCommitTs, long maxCommitTs, int count)
      implements Call {}

  record Ddl(String table, long commitTs, String query) implements Call {}

  private final Sink delegate;
  private final List<Call> calls = new ArrayList<>();

  RecordingSink(Sink delegate) {
    this.delegate = delegate;
  }

  synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void write(List<RowChange> rows) {
    synchronized (this) {
      RowChange first = rows.get(0);
      long min = Long.MAX_VALUE;
      long max = 0;
      for (RowChange r : rows) {
        min = Math.min(min, r.commitTs());
        max = Math.max(max, r.commitTs());
      }
      calls.add(
          new Rows(
              first.schemaName() + "." + first.tableName(),
              first.physicalTableId(),
              min,
              max,
              rows.size()));
    }
    delegate.write(rows);
  }

  @Override
  public CompletableFuture<Long> flush(long physicalTableId, long ts) {
    return delegate.flush(physicalTableId, ts);
  }

  @Override
  public CompletableFuture<Void> writeDdl(DdlEvent ddl) {
    synchronized (this) {
      calls.add(new Ddl(ddl.schema() + "." + ddl.table(), ddl.commitTs(), ddl.query()));
    }
    return delegate.writeDdl(ddl);
  }

  @Override
  public CompletableFuture<Void> writeCheckpoint(long ts) {
    return delegate.writeCheckpoint(ts);
  }

  @Override
  public CompletableFuture<Void> removeTable(long physicalTableId) {
    return delegate.removeTable(physicalTableId);
  }

  @Override
  public SinkStats stats() {
    return delegate.stats();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
