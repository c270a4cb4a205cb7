package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.mounter.Mounter;
import io.tidb.cdc.worker.mounter.MounterConfig;
import io.tidb.cdc.worker.puller.pd.GcSafePointKeeper;
import io.tidb.cdc.worker.schema.DdlJobParser;
import io.tidb.cdc.worker.schema.SchemaStorage;
import io.tidb.cdc.worker.schema.TableDef;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkStats;
import io.tidb.cdc.worker.sorter.spill.SpillConfig;
import io.tidb.cdc.worker.sorter.spill.SpillingSorter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running changefeed: table pipelines, the DDL puller and the owner that drives them ({@link
 * ChangefeedStarter} builds it). Every tick the owner
 *
 * <ol>
 *   <li>moves the barrier: the DDL puller's resolved ts, held at {@code T - 1} while a DDL at
 *       {@code T} waits, and never past the target ts;
 *   <li>runs the waiting DDL once every table's checkpoint reached {@code T - 1}: writes it to the
 *       sink, then starts the tables the new schema adds and stops those it drops;
 *   <li>requests flushes of what tables released, and computes the changefeed checkpoint as the
 *       minimum of the table checkpoints and the barrier;
 *   <li>saves the checkpoint, moves the GC safe point, and finishes at the target ts.
 * </ol>
 */
public final class ChangefeedPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangefeedPipeline.class);

  private final ChangefeedSettings settings;
  private final Upstream upstream;
  private final Sink sink;
  private final PipelineOptions options;
  private final ChangefeedFilter filter;
  private final Mounter mounter;
  private final DdlPuller ddl;
  private final MemoryQuota sorterQuota;
  private final CheckpointKeeper keeper;
  private final long startTs;
  private final Map<Long, TablePipeline> tables = new ConcurrentSkipListMap<>();
  private final ScheduledExecutorService owner;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final CompletableFuture<Phase> done = new CompletableFuture<>();
  private final AtomicLong mountedRows = new AtomicLong();
  private final AtomicLong ddlsExecuted = new AtomicLong();
  private volatile long barrierTs;
  private volatile long checkpointTs;
  private volatile Phase phase = Phase.PENDING;

  ChangefeedPipeline(
      ChangefeedSettings settings,
      Upstream upstream,
      Sink sink,
      PipelineOptions options,
      PositionStore positions,
      ChangefeedFilter filter,
      SchemaStorage storage,
      DdlJobParser parser,
      long startTs) {
    this.settings = settings;
    this.upstream = upstream;
    this.sink = sink;
    this.options = options;
    this.filter = filter;
    this.startTs = startTs;
    this.barrierTs = startTs;
    this.checkpointTs = startTs;
    this.mounter = new Mounter(storage, MounterConfig.defaults());
    long sorterBytes =
        HeapBudget.cap(
            settings.sorterMemoryBytes(),
            Runtime.getRuntime().maxMemory(),
            HeapBudget.SORTER_SHARE);
    if (sorterBytes < settings.sorterMemoryBytes()) {
      LOG.info(
          "changefeed {}: sorter memory {} MiB (a quarter of the heap) instead of {} MiB",
          settings.id(),
          sorterBytes >> 20,
          settings.sorterMemoryBytes() >> 20);
    }
    this.sorterQuota = new MemoryQuota("sorter/" + settings.id(), sorterBytes);
    this.ddl = new DdlPuller(parser, storage, filter, startTs, this::fail);
    this.keeper =
        new CheckpointKeeper(
            positions,
            new GcSafePointKeeper(upstream.pd(), options.gcServiceId(), settings.gcTtl()),
            sink,
            options.checkpointSaveInterval(),
            settings.gcTtl(),
            System::currentTimeMillis,
            this::fail);
    this.keeper.init(startTs);
    this.owner =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-owner-" + settings.name());
              t.setDaemon(true);
              return t;
            });
  }

  /** Subscribes the DDL spans and the tables of the start schema, then starts ticking. */
  void run(SortedMap<Long, TableDef> initialTables) {
    ddl.start(upstream.puller());
    initialTables.forEach((id, t) -> addTable(id, t, startTs));
    phase = Phase.NORMAL;
    LOG.info(
        "changefeed {} replicating {} tables from ts {} to {}",
        settings.id(),
        tables.size(),
        startTs,
        settings.hasTargetTs() ? settings.targetTs() : "forever");
    long tick = options.tick().toMillis();
    owner.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Completes with the final phase: {@code FINISHED}, {@code FAILED} or {@code STOPPED}. */
  public CompletableFuture<Phase> done() {
    return done;
  }

  public ChangefeedSettings settings() {
    return settings;
  }

  public long checkpointTs() {
    return checkpointTs;
  }

  public ChangefeedStatus status() {
    long resolved = ddl.resolvedTs();
    for (TablePipeline t : tables.values()) {
      resolved = Math.min(resolved, t.resolvedTs());
    }
    SinkStats s = sink.stats();
    return new ChangefeedStatus(
        settings.namespace(),
        settings.name(),
        phase,
        startTs,
        settings.targetTs(),
        checkpointTs,
        resolved,
        tables.size(),
        mountedRows.get(),
        s.rowsWritten(),
        s.rowsFlushed(),
        ddlsExecuted.get(),
        Optional.ofNullable(failure.get()));
  }

  // ---- the owner ---------------------------------------------------------------------------

  private void tick() {
    if (phase != Phase.NORMAL) {
      return;
    }
    try {
      moveBarrier();
      for (TablePipeline t : tables.values()) {
        t.collectFlush();
        t.requestFlush();
      }
      long cp = barrierTs;
      for (TablePipeline t : tables.values()) {
        cp = Math.min(cp, t.checkpointTs());
      }
      if (cp > checkpointTs) {
        checkpointTs = cp;
      }
      keeper.onCheckpoint(checkpointTs);
      if (settings.hasTargetTs() && checkpointTs >= settings.targetTs()) {
        LOG.info("changefeed {} reached its target ts {}", settings.id(), settings.targetTs());
        finish(Phase.FINISHED);
      }
    } catch (RuntimeException e) {
      fail("owner", e);
    }
  }

  /** Moves the barrier as far as DDLs allow, running every DDL whose tables are ready. */
  private void moveBarrier() {
    long cap = settings.hasTargetTs() ? settings.targetTs() : Long.MAX_VALUE;
    while (true) {
      long resolved = ddl.resolvedTs(); // read before the queue: see DdlPuller
      PendingDdl head = ddl.pending().peek();
      if (head == null || head.commitTs() > cap) {
        publishBarrier(Math.min(resolved, cap));
        return;
      }
      publishBarrier(head.commitTs() - 1);
      for (TablePipeline t : tables.values()) {
        if (t.checkpointTs() < head.commitTs() - 1) {
          return; // flushes were requested; look again next tick
        }
      }
      runDdl(head);
      ddl.pending().poll();
    }
  }

  private void publishBarrier(long ts) {
    if (ts > barrierTs) {
      barrierTs = ts;
    }
    for (TablePipeline t : tables.values()) {
      t.release();
    }
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
    TableSet.Diff diff = TableSet.diff(tables.keySet(), TableSet.of(pending.schemaAfter(), filter));
    diff.removed().forEach(this::removeTable);
    diff.added().forEach((id, t) -> addTable(id, t, pending.commitTs()));
  }

  private void addTable(long physicalId, TableDef table, long fromTs) {
    io.tidb.cdc.tidb.key.KeySpan raw = TableKeys.recordSpan(physicalId);
    KeySpan span = KeySpan.of(Bytes.copyOf(raw.start()), Bytes.copyOf(raw.end()));
    String name =
        table.qualifiedName() + (physicalId == table.id() ? "" : " (partition " + physicalId + ")");
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
            () -> barrierTs,
            this::fail,
            mountedRows);
    tables.put(physicalId, t);
    t.start(upstream.puller());
    LOG.info("changefeed {}: replicating {} from ts {}", settings.id(), name, fromTs);
  }

  private void removeTable(long physicalId) {
    TablePipeline t = tables.remove(physicalId);
    if (t != null) {
      t.close();
      sink.removeTable(physicalId);
      LOG.info("changefeed {}: stopped replicating {}", settings.id(), t.name());
    }
  }

  // ---- stopping ----------------------------------------------------------------------------

  /** Records the first failure and stops the changefeed (from any thread). */
  void fail(String where, Throwable error) {
    String message = where + ": " + (error.getMessage() == null ? error : error.getMessage());
    if (failure.compareAndSet(null, message)) {
      LOG.error("changefeed {} failed in {}", settings.id(), where, error);
      owner.execute(() -> finish(Phase.FAILED));
    }
  }

  /**
   * Stops cleanly: no more input, a last flush of what was released, the checkpoint saved. Safe to
   * call more than once and from any thread except the owner's.
   */
  @Override
  public void close() {
    if (!done.isDone()) {
      try {
        owner
            .submit(() -> finish(Phase.STOPPED))
            .get(options.stopTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        // already shut down
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        LOG.warn("changefeed {} did not stop cleanly: {}", settings.id(), e.toString());
      }
    }
    owner.shutdownNow();
  }

  /** Owner thread: stops input, flushes unless failed, saves the checkpoint, closes. */
  private void finish(Phase end) {
    if (phase.isTerminal()) {
      return;
    }
    Phase result = failure.get() != null ? Phase.FAILED : end;
    phase = result;
    ddl.close();
    List<TablePipeline> all = new ArrayList<>(tables.values());
    all.forEach(TablePipeline::close);
    if (result != Phase.FAILED) {
      finalFlush(all);
      keeper.saveNow(checkpointTs);
    }
    sink.close();
    LOG.info(
        "changefeed {} {} at checkpoint {} ({} saved)",
        settings.id(),
        result.text().toLowerCase(Locale.ROOT),
        checkpointTs,
        keeper.saved());
    owner.shutdown();
    done.complete(result);
  }

  private void finalFlush(List<TablePipeline> all) {
    List<CompletableFuture<Long>> flushes = new ArrayList<>();
    long cp = barrierTs;
    for (TablePipeline t : all) {
      flushes.add(sink.flush(t.physicalId(), t.releasedTs()));
      cp = Math.min(cp, t.releasedTs());
    }
    try {
      CompletableFuture.allOf(flushes.toArray(CompletableFuture[]::new))
          .get(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
      if (cp > checkpointTs) {
        checkpointTs = cp;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "changefeed {}: the last flush failed, keeping checkpoint {}: {}",
          settings.id(),
          checkpointTs,
          e.toString());
    }
  }
}
