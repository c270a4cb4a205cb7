package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkStats;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One changefeed with every role in this process (standalone): a {@link ChangefeedMaintainer} that
 * reaches a {@link TableOwner} owning every table through {@link LocalTableProgress}, driven by one
 * owner thread ({@link ChangefeedStarter} builds it). Every tick the maintainer moves the barrier
 * (running DDLs whose tables are ready), the table owner requests flushes of what was released, and
 * the maintainer computes, saves and protects the checkpoint; it finishes at the target ts.
 */
public final class ChangefeedPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChangefeedPipeline.class);

  private final ChangefeedSettings settings;
  private final Sink sink;
  private final PipelineOptions options;
  private final ChangefeedMaintainer maintainer;
  private final TableOwner owner;
  private final ScheduledExecutorService thread;
  private final AtomicReference<String> failure;
  private final CompletableFuture<Phase> done = new CompletableFuture<>();
  private volatile Phase phase = Phase.PENDING;

  ChangefeedPipeline(
      ChangefeedSettings settings,
      Sink sink,
      PipelineOptions options,
      ChangefeedMaintainer maintainer,
      TableOwner owner,
      AtomicReference<String> failure) {
    this.settings = settings;
    this.sink = sink;
    this.options = options;
    this.maintainer = maintainer;
    this.owner = owner;
    this.failure = failure;
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ticdc-owner-" + settings.name());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts ticking (the maintainer and the tables are started). */
  void run() {
    phase = Phase.NORMAL;
    LOG.info(
        "changefeed {} replicating {} tables from ts {} to {}",
        settings.id(),
        maintainer.tables().size(),
        maintainer.startTs(),
        settings.hasTargetTs() ? settings.targetTs() : "forever");
    long tick = options.tick().toMillis();
    thread.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
  }

  /** Completes with the final phase: {@code FINISHED}, {@code FAILED} or {@code STOPPED}. */
  public CompletableFuture<Phase> done() {
    return done;
  }

  public ChangefeedSettings settings() {
    return settings;
  }

  public long checkpointTs() {
    return maintainer.checkpointTs();
  }

  public ChangefeedStatus status() {
    SinkStats s = sink.stats();
    return new ChangefeedStatus(
        settings.namespace(),
        settings.name(),
        phase,
        maintainer.startTs(),
        settings.targetTs(),
        maintainer.checkpointTs(),
        owner.minResolvedTs(maintainer.ddlResolvedTs()),
        owner.tableIds().size(),
        owner.mountedRows(),
        s.rowsWritten(),
        s.rowsFlushed(),
        maintainer.ddlsExecuted(),
        Optional.ofNullable(failure.get()));
  }

  private void tick() {
    if (phase != Phase.NORMAL) {
      return;
    }
    try {
      maintainer.moveBarrier();
      owner.tick();
      if (maintainer.advanceCheckpoint()) {
        LOG.info("changefeed {} reached its target ts {}", settings.id(), settings.targetTs());
        finish(Phase.FINISHED);
      }
    } catch (RuntimeException e) {
      fail("owner", e);
    }
  }

  /** Records the first failure and stops the changefeed (from any thread). */
  void fail(String where, Throwable error) {
    String message = where + ": " + (error.getMessage() == null ? error : error.getMessage());
    if (failure.compareAndSet(null, message)) {
      LOG.error("changefeed {} failed in {}", settings.id(), where, error);
      try {
        thread.execute(() -> finish(Phase.FAILED));
      } catch (RejectedExecutionException e) {
        // already finished
      }
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
        thread
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
    thread.shutdownNow();
  }

  /** Owner thread: stops input, flushes unless failed, saves the checkpoint, closes. */
  private void finish(Phase end) {
    if (phase.isTerminal()) {
      return;
    }
    Phase result = failure.get() != null ? Phase.FAILED : end;
    phase = result;
    maintainer.close();
    owner.stopInput();
    if (result != Phase.FAILED) {
      OptionalLong flushed = owner.finalFlush();
      if (flushed.isPresent()) {
        maintainer.finish(Math.min(flushed.getAsLong(), maintainer.barrierTs()));
      } else {
        maintainer.finish(maintainer.checkpointTs());
      }
    }
    owner.close();
    sink.close();
    LOG.info(
        "changefeed {} {} at checkpoint {} ({} saved)",
        settings.id(),
        result.text().toLowerCase(Locale.ROOT),
        maintainer.checkpointTs(),
        maintainer.savedCheckpointTs());
    thread.shutdown();
    done.complete(result);
  }
}
