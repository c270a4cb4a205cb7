package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.mounter.Mounter;
import io.tidb.cdc.worker.mounter.MounterConfig;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.schema.SchemaProvider;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sorter.spill.SpillConfig;
import io.tidb.cdc.worker.sorter.spill.SpillingSorter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table-owner role of one changefeed on one process: a {@link TablePipeline} per owned table,
 * releasing up to an external barrier (the maintainer's) and no further than the schema it mounts
 * with is resolved, flushing what was released, and reporting each table's checkpoint and resolved
 * ts. Standalone it owns every table; in capture mode the tables of its assignment.
 *
 * <p>Threads: one driver (the standalone owner thread or the capture's table loop) calls {@link
 * #tick}, {@link #addTable}, {@link #removeTable} and {@link #releaseTable}; {@link #setBarrier}
 * and the readers may be called from any thread.
 */
public final class TableOwner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableOwner.class);

  /** One owned table's progress, for position reports. */
  public record Position(long tableId, long checkpointTs, long resolvedTs) {}

  private final String changefeed;
  private final Puller puller;
  private final Sink sink;
  private final PipelineOptions options;
  private final ChangefeedFilter filter;
  private final Mounter mounter;
  private final LongSupplier schemaResolvedTs;
  private final AutoCloseable schemaSource;
  private final MemoryQuota sorterQuota;
  private final Failures failures;
  private final Map<Long, TablePipeline> tables = new ConcurrentSkipListMap<>();
  private final AtomicLong mountedRows = new AtomicLong();
  private volatile long barrierTs;

  /**
   * @param schema the schema rows are mounted with
   * @param schemaResolvedTs the schema is complete up to it; nothing above it is released
   * @param schemaSource closed with the owner (a schema-only DDL puller), or a no-op
   */
  TableOwner(
      String changefeed,
      Puller puller,
      Sink sink,
      PipelineOptions options,
      ChangefeedFilter filter,
      SchemaProvider schema,
      LongSupplier schemaResolvedTs,
      AutoCloseable schemaSource,
      MemoryQuota sorterQuota,
      Failures failures) {
    this.changefeed = changefeed;
    this.puller = puller;
    this.sink = sink;
    this.options = options;
    this.filter = filter;
    this.mounter = new Mounter(schema, MounterConfig.defaults());
    this.schemaResolvedTs = schemaResolvedTs;
    this.schemaSource = schemaSource;
    this.sorterQuota = sorterQuota;
    this.failures = failures;
  }

  public Set<Long> tableIds() {
    return tables.keySet();
  }

  public boolean owns(long tableId) {
    return tables.containsKey(tableId);
  }

  public long mountedRows() {
    return mountedRows.get();
  }

  public Sink sink() {
    return sink;
  }

  /** The barrier the owner releases up to; it only moves forward. */
  public void setBarrier(long ts) {
    if (ts > barrierTs) {
      barrierTs = ts;
    }
    for (TablePipeline t : tables.values()) {
      t.release();
    }
  }

  public long barrierTs() {
    return barrierTs;
  }

  private long releaseCap() {
    return Math.min(barrierTs, schemaResolvedTs.getAsLong());
  }

  /** Starts replicating a table from {@code fromTs} (its rows above it). */
  public void addTable(long physicalId, String name, long fromTs) {
    io.tidb.cdc.tidb.key.KeySpan raw = TableKeys.recordSpan(physicalId);
    KeySpan span = KeySpan.of(Bytes.copyOf(raw.start()), Bytes.copyOf(raw.end()));
    TablePipeline t =
        new TablePipeline(
            physicalId,
            name,
            span,
            fromTs,
            out ->
                new SpillingSorter(
                    SpillConfig.of(options.spillDirectory(), sorterQuota), fromTs, out),
            mounter,
            filter,
            sink,
            this::releaseCap,
            failures,
            mountedRows);
    tables.put(physicalId, t);
    t.start(puller);
    LOG.info("changefeed {}: replicating {} from ts {}", changefeed, name, fromTs);
  }

  /** Stops a table at once (dropped by a DDL, or lost): what it did not flush is discarded. */
  public void removeTable(long physicalId) {
    TablePipeline t = tables.remove(physicalId);
    if (t != null) {
      t.close();
      sink.removeTable(physicalId);
      LOG.info("changefeed {}: stopped replicating {}", changefeed, t.name());
    }
  }

  /**
   * Stops a table gracefully (moved away): no more input, everything it released flushed, then
   * forgotten by the sink. Completes with its final checkpoint.
   */
  public CompletableFuture<Long> releaseTable(long physicalId) {
    TablePipeline t = tables.remove(physicalId);
    if (t == null) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("table " + physicalId + " is not owned here"));
    }
    t.close();
    long released = t.releasedTs();
    return sink.flush(physicalId, released)
        .thenCompose(
            ts -> {
              LOG.info("changefeed {}: released {} at checkpoint {}", changefeed, t.name(), ts);
              return sink.removeTable(physicalId).thenApply(v -> ts);
            });
  }

  /** Requests flushes of what the tables released. Driver thread. */
  public void tick() {
    for (TablePipeline t : tables.values()) {
      t.collectFlush();
      t.requestFlush();
    }
  }

  public OptionalLong checkpointTs(long tableId) {
    TablePipeline t = tables.get(tableId);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t.checkpointTs());
  }

  public OptionalLong resolvedTs(long tableId) {
    TablePipeline t = tables.get(tableId);
    return t == null ? OptionalLong.empty() : OptionalLong.of(t.resolvedTs());
  }

  /** The minimum resolved ts over the owned tables, {@code ifNone} when there are none. */
  public long minResolvedTs(long ifNone) {
    long min = ifNone;
    for (TablePipeline t : tables.values()) {
      min = Math.min(min, t.resolvedTs());
    }
    return min;
  }

  /** Every owned table's position now, in id order. */
  public SortedMap<Long, Position> positions() {
    SortedMap<Long, Position> out = new TreeMap<>();
    for (TablePipeline t : tables.values()) {
      out.put(t.physicalId(), new Position(t.physicalId(), t.checkpointTs(), t.resolvedTs()));
    }
    return out;
  }

  /** Stops every table's input; what they released stays in the sink for {@link #finalFlush}. */
  void stopInput() {
    tables.values().forEach(TablePipeline::close);
  }

  /**
   * Flushes what every table released (after {@link #stopInput}); returns the lowest flushed ts
   * ({@code Long.MAX_VALUE} without tables), or empty when the flush failed.
   */
  OptionalLong finalFlush() {
    List<CompletableFuture<Long>> flushes = new ArrayList<>();
    long cp = Long.MAX_VALUE;
    for (TablePipeline t : tables.values()) {
      flushes.add(sink.flush(t.physicalId(), t.releasedTs()));
      cp = Math.min(cp, t.releasedTs());
    }
    try {
      CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new))
          .get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return OptionalLong.of(cp);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("changefeed {}: the last flush failed: {}", changefeed, e.toString());
    }
    return OptionalLong.empty();
  }

  /** Stops every table at once and closes the schema source; the sink stays the caller's. */
  @Override
  public void close() {
    stopInput();
    tables.clear();
    try {
      schemaSource.close();
    } catch (Exception e) {
      LOG.debug("changefeed {}: closing the schema source: {}", changefeed, e.toString());
    }
  }
}
