package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.pipeline.ChangefeedStarter;
import io.tidb.cdc.worker.pipeline.StartException;
import io.tidb.cdc.worker.pipeline.TableOwner;
import io.tidb.cdc.worker.pipeline.Upstream;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table-owner role of one changefeed on this capture: runs the tables of {@code
 * assignments/<me>} in a {@link TableOwner}, releasing up to {@code progress.barrierTs}, and writes
 * their positions about once a second, fenced by the assignment key's mod revision. A table removed
 * from the assignment is flushed, stopped and released. Runner thread only.
 */
final class TableRole {
  private static final Logger LOG = LoggerFactory.getLogger(TableRole.class);

  private final RunnerContext ctx;
  private final PositionWriter writer;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final Map<Long, TablePosition> written = new HashMap<>();
  private final Map<Long, Long> writtenRevision = new HashMap<>();
  private Upstream upstream;
  private Sink sink;
  private TableOwner owner;
  private long generation = -1;
  private long epoch;
  private long lastReport;

  TableRole(RunnerContext ctx) {
    this.ctx = ctx;
    this.writer = new PositionWriter(ctx.etcd());
  }

  /** The failure that stopped the role since the last call, if any (then the role is stopped). */
  String takeFailure() {
    return failure.getAndSet(null);
  }

  Set<Long> ownedTables() {
    TableOwner o = owner;
    return o == null ? Set.of() : Set.copyOf(o.tableIds());
  }

  boolean running() {
    return owner != null;
  }

  /**
   * One tick while the changefeed should replicate here under {@code progress} of the running
   * generation.
   *
   * @throws StartException when the tables cannot start
   */
  void tick(
      ChangefeedSettings settings,
      long infoGeneration,
      ChangefeedProgress progress,
      EtcdMirror.Entry assignmentEntry,
      Assignment assignment)
      throws StartException {
    if (failure.get() != null) {
      stopNow();
      return;
    }
    if (owner != null && generation != infoGeneration) {
      stopNow();
    }
    if (owner == null) {
      start(settings, progress);
      generation = infoGeneration;
    }
    epoch = assignment.epoch();
    Set<Long> assigned = new TreeSet<>(assignment.tables());
    for (long id : new TreeSet<>(owner.tableIds())) {
      if (!assigned.contains(id)) {
        release(id, progress);
      }
    }
    Map<Long, String> names = names();
    for (long id : assigned) {
      if (!owner.owns(id)) {
        long from = startTs(id, progress, settings);
        owner.addTable(id, names.getOrDefault(id, "table " + id), from);
      }
    }
    owner.setBarrier(progress.barrierTs());
    owner.tick();
    long now = System.currentTimeMillis();
    if (now - lastReport >= ctx.config().reportInterval().toMillis()) {
      lastReport = now;
      report(assignmentEntry.modRevision(), false);
    }
  }

  /** Where a table starts: its position, else the changefeed checkpoint, else the start ts. */
  private long startTs(long id, ChangefeedProgress progress, ChangefeedSettings settings) {
    long cp = progress.checkpointTs() > 0 ? progress.checkpointTs() : settings.startTs();
    return ctx.mirror()
        .decode(ctx.keys().position(id), TablePosition.class)
        .map(p -> Math.max(p.checkpointTs(), cp))
        .orElse(cp);
  }

  private Map<Long, String> names() {
    Map<Long, String> out = new HashMap<>();
    ctx.mirror()
        .decode(ctx.keys().tables(), TableList.class)
        .ifPresent(l -> l.tables().forEach(t -> out.put(t.id(), t.name())));
    return out;
  }

  private void start(ChangefeedSettings settings, ChangefeedProgress progress)
      throws StartException {
    try {
      upstream = Upstream.connect(settings.pdAddresses(), ctx.config().tls().upstream());
    } catch (PdException e) {
      throw new StartException("PD: " + e.getMessage(), e, true);
    }
    try {
      sink = SinkFactory.open(settings.sinkUri(), ctx.captureId());
      long schemaTs = progress.checkpointTs() > 0 ? progress.checkpointTs() : settings.startTs();
      owner =
          ChangefeedStarter.startTableOwner(
              settings,
              upstream,
              sink,
              ctx.pipelineOptions(),
              schemaTs,
              (where, e) -> {
                if (failure.compareAndSet(null, where + ": " + e.getMessage())) {
                  LOG.error("changefeed {}: tables failed in {}", ctx.id(), where, e);
                }
              });
      written.clear();
      writtenRevision.clear();
      LOG.info(
          "changefeed {}: capture {} owns tables (schema at {})",
          ctx.id(),
          ctx.captureId(),
          schemaTs);
    } catch (StartException | RuntimeException e) {
      stopNow();
      throw e;
    }
  }

  /** Flushes and stops a table that left the assignment; writes its released position. */
  private void release(long id, ChangefeedProgress progress) {
    long resolved = owner.resolvedTs(id).orElse(0);
    long finalTs;
    try {
      finalTs =
          owner
              .releaseTable(id)
              .get(ctx.pipelineOptions().stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      LOG.warn(
          "changefeed {}: table {} stopped without a last flush: {}", ctx.id(), id, e.toString());
      return; // not released: the operator moves it after the drain timeout or our lease
    }
    TablePosition last = written.get(id);
    long cp = Math.max(finalTs, last == null ? 0 : last.checkpointTs());
    long rev =
        writtenRevision.getOrDefault(
            id,
            ctx.mirror()
                .get(ctx.keys().position(id))
                .map(EtcdMirror.Entry::modRevision)
                .orElse(0L));
    boolean ok =
        writer.release(
            ctx.keys(), new TablePosition(id, cp, Math.max(resolved, cp), null, epoch), rev);
    written.remove(id);
    writtenRevision.remove(id);
    LOG.info(
        "changefeed {}: table {} {} at checkpoint {}",
        ctx.id(),
        id,
        ok ? "released" : "stopped (its position moved meanwhile: not released)",
        cp);
  }

  /** Writes the positions that moved, fenced by the assignment revision last read. */
  private void report(long assignmentRevision, boolean all) {
    List<TablePosition> changed = new ArrayList<>();
    for (TableOwner.Position p : owner.positions().values()) {
      TablePosition tp =
          new TablePosition(p.tableId(), p.checkpointTs(), p.resolvedTs(), ctx.captureId(), epoch);
      if (all || !tp.equals(written.get(p.tableId()))) {
        changed.add(tp);
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    try {
      var rev =
          writer.write(
              ctx.keys(), ctx.keys().assignment(ctx.captureId()), assignmentRevision, changed);
      if (rev.isPresent()) {
        for (TablePosition tp : changed) {
          written.put(tp.tableId(), tp);
          writtenRevision.put(tp.tableId(), rev.getAsLong());
        }
      } else {
        LOG.info("changefeed {}: the assignment changed; positions not written", ctx.id());
      }
    } catch (Etcd.EtcdException e) {
      LOG.warn("changefeed {}: {}", ctx.id(), e.getMessage());
    }
  }

  /** Flushes every table, writes its last position, then stops (pause, finish, drain). */
  void stopGracefully(long assignmentRevision) {
    if (owner == null) {
      return;
    }
    List<TablePosition> finals = new ArrayList<>();
    for (long id : new TreeSet<>(owner.tableIds())) {
      long resolved = owner.resolvedTs(id).orElse(0);
      try {
        long ts =
            owner
                .releaseTable(id)
                .get(ctx.pipelineOptions().stopTimeout().toMillis(), TimeUnit.MILLISECONDS);
        finals.add(new TablePosition(id, ts, Math.max(resolved, ts), ctx.captureId(), epoch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception e) {
        LOG.warn(
            "changefeed {}: table {} stopped without a last flush: {}", ctx.id(), id, e.toString());
      }
    }
    if (!finals.isEmpty()) {
      try {
        writer.write(
            ctx.keys(), ctx.keys().assignment(ctx.captureId()), assignmentRevision, finals);
      } catch (Etcd.EtcdException e) {
        LOG.warn("changefeed {}: last positions not written: {}", ctx.id(), e.getMessage());
      }
    }
    stopNow();
  }

  /** Stops every table at once: no more sink writes (a lost lease, a failure). */
  void stopNow() {
    if (owner != null) {
      owner.close();
      owner = null;
    }
    if (sink != null) {
      sink.close();
      sink = null;
    }
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    generation = -1;
  }
}
