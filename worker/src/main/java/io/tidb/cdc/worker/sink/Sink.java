package io.tidb.cdc.worker.sink;

import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.mounter.RowChange;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where a changefeed's changes leave the worker. Tables are physical tables (a partition, or the
 * table itself), by {@link RowChange#physicalTableId()}.
 *
 * <p>Contract, the one TiCDC's table sinks follow:
 *
 * <ul>
 *   <li>{@link #write} takes each table's rows in commit order, whole transactions at a time, and
 *       may block while the sink is busy (back-pressure). Nothing is durable yet.
 *   <li>{@link #flush} makes everything written for a table at or below a ts durable and then
 *       completes with that ts: the table's checkpoint. Rows written with a higher commit ts stay
 *       pending. Transactions are never split by a flush.
 *   <li>{@link #writeDdl} is called only after every table the DDL affects has been flushed below
 *       its commit ts, and before any row at or above it is written (the caller's barrier).
 *   <li>{@link #writeCheckpoint} records the changefeed checkpoint (the minimum the caller computed
 *       from flushed tables and the DDL barrier) where the sink kind has a place for it.
 *   <li>Calls are processed in the order they are made. A failure fails the returned futures with a
 *       {@link SinkException}, and every later call throws one naming the first failure.
 * </ul>
 */
public interface Sink extends AutoCloseable {

  /**
   * Queues row changes.
   *
   * @throws SinkException when the sink has failed or is closed, when a table's rows go back in
   *     commit order, or when a row cannot be encoded
   */
  void write(List<RowChange> rows);

  /** Completes with {@code ts} once every row written for the table at or below it is durable. */
  CompletableFuture<Long> flush(long physicalTableId, long ts);

  /** Completes once the DDL is durable downstream. */
  CompletableFuture<Void> writeDdl(DdlEvent ddl);

  /** Completes once the changefeed checkpoint {@code ts} is recorded. */
  CompletableFuture<Void> writeCheckpoint(long ts);

  /**
   * Forgets a table that moved away or was dropped; rows written for it and not flushed are
   * discarded.
   */
  CompletableFuture<Void> removeTable(long physicalTableId);

  SinkStats stats();

  /**
   * Finishes what was queued before (its futures complete), discards rows never flushed and frees
   * the sink's threads and files. Idempotent.
   */
  @Override
  void close();
}
