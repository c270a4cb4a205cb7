package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.worker.config.TiCdcCluster;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.StartException;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One changefeed on this capture: on its own thread, every tick it reads the changefeed's keys from
 * the mirror and drives the maintainer role (when elected) and the table-owner role (when tables
 * are assigned here and the maintainer published progress for the running generation). A failing
 * role is stopped and retried with back-off; nothing here crashes the capture.
 */
final class ChangefeedRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangefeedRunner.class);
  private static final List<String> TABLES_RUN_IN =
      List.of(Phase.NORMAL.text(), Phase.WARNING.text());

  private final RunnerContext ctx;
  private final TiCdcCluster cluster;
  private final MaintainerRole maintainer;
  private final TableRole tables;
  private final ScheduledExecutorService thread;
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private ChangefeedInfo parsedFor;
  private ChangefeedDocument.Parsed parsed;
  private long maintainerRetryAt;
  private int maintainerAttempts;
  private long tablesRetryAt;
  private int tableAttempts;
  private volatile boolean maintaining;
  private volatile boolean closing;

  ChangefeedRunner(RunnerContext ctx, TiCdcCluster cluster) {
    this.ctx = ctx;
    this.cluster = cluster;
    this.maintainer = new MaintainerRole(ctx);
    this.tables = new TableRole(ctx);
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-capture-" + ctx.id().name());
              t.setDaemon(true);
              return t;
            });
  }

  void start() {
    long tick = Math.max(1, ctx.config().runnerTick().toMillis());
    thread.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
  }

  boolean isMaintainer() {
    return maintaining;
  }

  Set<Long> ownedTables() {
    return tables.ownedTables();
  }

  private void tick() {
    if (closing) {
      return; // a tick after the clean stop would start the roles again
    }
    try {
      step();
    } catch (RuntimeException e) {
      LOG.warn("changefeed {}: {}", ctx.id(), e.toString());
    }
  }

  private void step() {
    Optional<ChangefeedInfo> info = ctx.mirror().decode(ctx.keys().info(), ChangefeedInfo.class);
    if (info.isEmpty() || ctx.session().leaseId() == 0) {
      stopNow();
      return;
    }
    ChangefeedInfo i = info.get();
    if (!i.equals(parsedFor)) {
      parsed = ChangefeedDocument.parse(i, cluster);
      parsedFor = i;
      if (!parsed.valid()) {
        LOG.warn("changefeed {}: {}", ctx.id(), parsed.error());
      }
    }
    Optional<ChangefeedProgress> progress =
        ctx.mirror().decode(ctx.keys().progress(), ChangefeedProgress.class);
    maintaining = maintainer.campaign();
    if (maintaining) {
      runMaintainer(i, progress);
    } else {
      maintainer.stop();
    }
    runTables(i, progress);
  }

  private void runMaintainer(ChangefeedInfo info, Optional<ChangefeedProgress> progress) {
    if (!parsed.valid()) {
      maintainer.fail(info.generation(), parsed.error(), progress);
      return;
    }
    long now = System.currentTimeMillis();
    if (now < maintainerRetryAt) {
      return;
    }
    try {
      maintainer.tick(info, parsed.settings(), progress);
      maintainerAttempts = 0;
    } catch (MaintainerRole.NotRetryable e) {
      LOG.error("changefeed {} failed: {}", ctx.id(), e.getMessage());
      maintainer.fail(info.generation(), e.getMessage(), progress);
      maintainerRetryAt = now + backoff.delayMillis(maintainerAttempts++);
    } catch (RuntimeException e) {
      LOG.warn("changefeed {}: maintainer failed ({}); retrying", ctx.id(), e.getMessage());
      maintainer.warn(info.generation(), e.getMessage(), progress);
      maintainerRetryAt = now + backoff.delayMillis(maintainerAttempts++);
    }
  }

  private void runTables(ChangefeedInfo info, Optional<ChangefeedProgress> progress) {
    String failed = tables.takeFailure();
    long now = System.currentTimeMillis();
    if (failed != null) {
      LOG.warn("changefeed {}: tables failed ({}); restarting them", ctx.id(), failed);
      tables.stopNow();
      tablesRetryAt = now + backoff.delayMillis(tableAttempts++);
    }
    Optional<EtcdMirror.Entry> entry = ctx.mirror().get(ctx.keys().assignment(ctx.captureId()));
    long assignmentRev = entry.map(EtcdMirror.Entry::modRevision).orElse(0L);
    Assignment assignment =
        ctx.mirror()
            .decode(ctx.keys().assignment(ctx.captureId()), Assignment.class)
            .orElse(new Assignment(0, List.of()));
    boolean replicate =
        parsed.valid()
            && info.state() == DesiredState.RUNNING
            && progress.isPresent()
            && progress.get().generation() == info.generation()
            && TABLES_RUN_IN.contains(progress.get().phase());
    if (!replicate) {
      tables.stopGracefully(assignmentRev);
      return;
    }
    if (!tables.running() && (assignment.tables().isEmpty() || now < tablesRetryAt)) {
      return;
    }
    try {
      tables.tick(
          parsed.settings(),
          info.generation(),
          progress.get(),
          entry.orElse(new EtcdMirror.Entry(new byte[0], 0, 0, 0)),
          assignment);
      if (tables.running()) {
        tableAttempts = 0;
      }
    } catch (StartException | RuntimeException e) {
      LOG.warn("changefeed {}: tables cannot start ({}); retrying", ctx.id(), e.getMessage());
      tables.stopNow();
      tablesRetryAt = now + backoff.delayMillis(tableAttempts++);
    }
  }

  /** Stops both roles at once, on the runner thread (a lost lease: no more sink writes). */
  void stopNowAndWait() {
    try {
      thread.submit(this::stopNow).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("changefeed {}: stopping: {}", ctx.id(), e.toString());
    }
  }

  private void stopNow() {
    maintaining = false;
    maintainer.stop();
    tables.stopNow();
  }

  /**
   * Stops both roles cleanly (this capture shuts down): the tables' last positions and the
   * maintainer's checkpoint and progress are written, each fenced as usual.
   */
  private void stopCleanly() {
    maintaining = false;
    maintainer.shutdown();
    tables.stopGracefully(
        ctx.mirror()
            .get(ctx.keys().assignment(ctx.captureId()))
            .map(EtcdMirror.Entry::modRevision)
            .orElse(0L));
  }

  @Override
  public void close() {
    closing = true;
    try {
      thread.submit(this::stopCleanly).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("changefeed {}: stopping cleanly: {}", ctx.id(), e.toString());
      stopNowAndWait();
    }
    thread.shutdownNow();
  }
}
