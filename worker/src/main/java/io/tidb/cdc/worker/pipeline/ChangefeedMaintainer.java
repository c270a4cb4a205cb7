package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.puller.Puller;
import io.tidb.cdc.worker.schema.TableDef;
import io.tidb.cdc.worker.sink.Sink;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintainer role of one changefeed: the DDL puller and its schema storage, the list of tables,
 * the DDL barrier, DDL execution, the changefeed checkpoint (saved, told to the sink, held by the
 * GC safe point) and the target ts. It reaches the tables only through {@link TableProgress}. It
 * has no thread: a driver calls {@link #moveBarrier} and {@link #advanceCheckpoint} (or {@link
 * #tick}) every tick, always from the same thread.
 */
public final class ChangefeedMaintainer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangefeedMaintainer.class);

  private final ChangefeedSettings settings;
  private final Sink sink;
  private final PipelineOptions options;
  private final ChangefeedFilter filter;
  private final DdlPuller ddl;
  private final CheckpointKeeper keeper;
  private final TableProgress tables;
  private final long startTs;
  private final AtomicLong ddlsExecuted = new AtomicLong();
  private volatile SortedMap<Long, String> listed = new TreeMap<>();
  private volatile long barrierTs;
  private volatile long checkpointTs;

  ChangefeedMaintainer(
      ChangefeedSettings settings,
      Sink sink,
      PipelineOptions options,
      ChangefeedFilter filter,
      DdlPuller ddl,
      CheckpointKeeper keeper,
      TableProgress tables,
      long startTs) {
    this.settings = settings;
    this.sink = sink;
    this.options = options;
    this.filter = filter;
    this.ddl = ddl;
    this.keeper = keeper;
    this.tables = tables;
    this.startTs = startTs;
    this.barrierTs = startTs;
    this.checkpointTs = startTs;
    keeper.init(startTs);
  }

  /** Subscribes the DDL spans and lists the tables of the start schema. */
  void start(Puller puller, SortedMap<Long, TableDef> initialTables) {
    ddl.start(puller);
    setTables(initialTables, startTs);
  }

  public ChangefeedSettings settings() {
    return settings;
  }

  public long startTs() {
    return startTs;
  }

  public long barrierTs() {
    return barrierTs;
  }

  public long checkpointTs() {
    return checkpointTs;
  }

  /** The DDL puller's resolved ts: every DDL at or below it is known. */
  public long ddlResolvedTs() {
    return ddl.resolvedTs();
  }

  public long ddlsExecuted() {
    return ddlsExecuted.get();
  }

  /** The tables the changefeed replicates now: physical id → qualified name. */
  public SortedMap<Long, String> tables() {
    return listed;
  }

  /** The minimum resolved ts over the listed tables and the DDL puller. */
  public long resolvedTs() {
    long r = ddl.resolvedTs();
    for (long id : listed.keySet()) {
      r = Math.min(r, tables.resolvedTs(id).orElse(checkpointTs));
    }
    return r;
  }

  /** Both steps of a tick; true once the checkpoint reached the target ts. */
  public boolean tick() {
    moveBarrier();
    return advanceCheckpoint();
  }

  /** Moves the barrier as far as DDLs allow, running every DDL whose tables are ready. */
  public void moveBarrier() {
    long cap = settings.hasTargetTs() ? settings.targetTs() : Long.MAX_VALUE;
    while (true) {
      long resolved = ddl.resolvedTs(); // read before the queue: see DdlPuller
      PendingDdl head = ddl.pending().peek();
      if (head == null || head.commitTs() > cap) {
        publishBarrier(Math.min(resolved, cap));
        return;
      }
      publishBarrier(head.commitTs() - 1);
      for (long id : listed.keySet()) {
        if (tables.checkpointTs(id).orElse(checkpointTs) < head.commitTs() - 1) {
          return; // the owners flush meanwhile; look again next tick
        }
      }
      runDdl(head);
      ddl.pending().poll();
    }
  }

  /**
   * The changefeed checkpoint: the minimum of the listed tables' checkpoints (a table without one
   * counts as the current checkpoint) and the barrier; saved and refreshed when due. True once it
   * reached the target ts.
   */
  public boolean advanceCheckpoint() {
    long cp = barrierTs;
    for (long id : listed.keySet()) {
      cp = Math.min(cp, tables.checkpointTs(id).orElse(checkpointTs));
    }
    if (cp > checkpointTs) {
      checkpointTs = cp;
    }
    keeper.onCheckpoint(checkpointTs);
    return settings.hasTargetTs() && checkpointTs >= settings.targetTs();
  }

  /** Moves the checkpoint to {@code ts} if higher (a clean stop's last flush) and saves it now. */
  void finish(long ts) {
    if (ts > checkpointTs && ts <= barrierTs) {
      checkpointTs = ts;
    }
    keeper.saveNow(checkpointTs);
  }

  /**
   * A clean stop driven from outside (capture mode): the checkpoint from the tables' latest
   * positions, saved, told to the sink and held by the GC safe point now. Returns it.
   */
  public long checkpointNow() {
    advanceCheckpoint();
    keeper.saveNow(checkpointTs);
    return checkpointTs;
  }

  /** Keeps the GC safe point alive without replicating (a paused changefeed). */
  public void keepGcSafePoint() {
    keeper.onCheckpoint(checkpointTs);
  }

  /** The checkpoint last saved. */
  public long savedCheckpointTs() {
    return keeper.saved();
  }

  private void publishBarrier(long ts) {
    if (ts > barrierTs) {
      barrierTs = ts;
    }
    tables.setBarrier(barrierTs);
  }

  private void runDdl(PendingDdl pending) {
    if (pending.event().isPresent()) {
      LOG.info("changefeed {}: writing {}", settings.id(), pending.event().get());
      try {
        sink.writeDdl(pending.event().get())
            .get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while writing " + pending.description(), e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException(
            "the sink failed to write " + pending.description() + ": " + e.getMessage(), e);
      }
      ddlsExecuted.incrementAndGet();
    }
    setTables(TableSet.of(pending.schemaAfter(), filter), pending.commitTs());
  }

  private void setTables(SortedMap<Long, TableDef> defs, long fromTs) {
    SortedMap<Long, String> names = new TreeMap<>();
    for (Map.Entry<Long, TableDef> e : defs.entrySet()) {
      TableDef t = e.getValue();
      long id = e.getKey();
      names.put(id, t.qualifiedName() + (id == t.id() ? "" : " (partition " + id + ")"));
    }
    listed = names;
    tables.setTables(names, fromTs);
  }

  /** Stops the DDL puller; the sink stays the caller's. */
  @Override
  public void close() {
    ddl.close();
  }

  /** A table's checkpoint as the maintainer sees it (for tests and status). */
  public OptionalLong tableCheckpointTs(long tableId) {
    return tables.checkpointTs(tableId);
  }
}
