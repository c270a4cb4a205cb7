package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.pipeline.ChangefeedMaintainer;
import io.tidb.cdc.worker.pipeline.ChangefeedStarter;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.StartException;
import io.tidb.cdc.worker.pipeline.Upstream;
import io.tidb.cdc.worker.puller.pd.GcSafePointKeeper;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkFactory;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintainer role of one changefeed on this capture: campaigns for {@code maintainer} (create
 * if absent, under the capture's lease), and while it holds it runs a {@link ChangefeedMaintainer}
 * over {@link EtcdTableProgress} and writes {@code progress} (at most once per report interval, and
 * only when it changed), every write fenced by the maintainer key. Paused keeps the GC safe point,
 * stopped releases it, an invalid document is phase Failed. Runner thread only.
 */
final class MaintainerRole {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainerRole.class);

  private final RunnerContext ctx;
  private final AtomicReference<String> failure = new AtomicReference<>();
  private Upstream upstream;
  private Sink sink;
  private ChangefeedMaintainer maintainer;
  private EtcdTableProgress tables;
  private long generation = -1;
  private ChangefeedProgress lastWritten;
  private long lastWriteMillis;
  // The checkpoint of this capture's last clean stop: newer than progress until the mirror has it.
  private long finalCheckpointTs;
  private long finishedGeneration = -1;
  private long gcDueAt;

  MaintainerRole(RunnerContext ctx) {
    this.ctx = ctx;
  }

  /** Whether this capture holds the changefeed's maintainer key (campaigning if it is free). */
  boolean campaign() {
    long lease = ctx.session().leaseId();
    if (lease == 0) {
      return false;
    }
    Optional<EtcdMirror.Entry> holder = ctx.mirror().get(ctx.keys().maintainer());
    if (holder.isEmpty()) {
      try {
        return ctx.etcd()
            .createIfAbsent(
                ctx.keys().maintainer(), ctx.captureId().getBytes(StandardCharsets.UTF_8), lease);
      } catch (Etcd.EtcdException e) {
        LOG.warn("changefeed {}: campaign failed: {}", ctx.id(), e.getMessage());
        return false;
      }
    }
    return holder.get().lease() == lease
        && new String(holder.get().value(), StandardCharsets.UTF_8).equals(ctx.captureId());
  }

  boolean running() {
    return maintainer != null;
  }

  /** One tick as the maintainer of a valid changefeed in desired state {@code state}. */
  void tick(ChangefeedInfo info, ChangefeedSettings settings, Optional<ChangefeedProgress> last) {
    String failed = failure.getAndSet(null);
    if (failed != null && maintainer != null) {
      stop();
      throw new IllegalStateException(failed);
    }
    if (maintainer != null && generation != info.generation()) {
      LOG.info(
          "changefeed {}: generation {} → {}; restarting from the checkpoint",
          ctx.id(),
          generation,
          info.generation());
      stopCleanly(Phase.NORMAL);
    }
    if (info.state() != DesiredState.RUNNING) {
      stopCleanly(Phase.NORMAL);
      holdState(info, settings, last);
      return;
    }
    if (finishedGeneration == info.generation()
        || last.map(
                p -> p.generation() == info.generation() && p.phase().equals(Phase.FINISHED.text()))
            .orElse(false)) {
      return; // finished: nothing more to do until the spec changes
    }
    if (maintainer == null) {
      start(info, settings, last);
    }
    if (maintainer.tick()) {
      LOG.info("changefeed {} reached its target ts {}", ctx.id(), settings.targetTs());
      stopCleanly(Phase.FINISHED).ifPresent(p -> writeProgress(p, true));
      finishedGeneration = info.generation();
      return;
    }
    writeProgress(
        progress(
            Phase.NORMAL,
            info.generation(),
            maintainer.checkpointTs(),
            maintainer.resolvedTs(),
            null),
        false);
  }

  private void start(
      ChangefeedInfo info, ChangefeedSettings settings, Optional<ChangefeedProgress> last) {
    long known = Math.max(last.map(ChangefeedProgress::checkpointTs).orElse(0L), finalCheckpointTs);
    OptionalLong stored = known > 0 ? OptionalLong.of(known) : OptionalLong.empty();
    try {
      upstream = Upstream.connect(settings.pdAddresses(), ctx.config().tls().upstream());
      sink = SinkFactory.open(settings.sinkUri(), ctx.captureId() + "-maintainer");
      tables = new EtcdTableProgress(ctx.mirror(), ctx.keys(), this::fencedPut);
      maintainer =
          ChangefeedStarter.startMaintainer(
              settings,
              upstream,
              sink,
              new ProgressPositionStore(stored),
              ctx.pipelineOptions(),
              tables,
              (where, e) -> failure.compareAndSet(null, where + ": " + e.getMessage()));
      generation = info.generation();
      lastWritten = null;
      LOG.info("changefeed {}: capture {} is its maintainer", ctx.id(), ctx.captureId());
    } catch (PdException e) {
      stop();
      throw new IllegalStateException("PD: " + e.getMessage(), e);
    } catch (StartException e) {
      stop();
      if (e.isRetryable()) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      throw new NotRetryable(e.getMessage());
    }
  }

  /**
   * Stops cleanly (pause, stop, target ts, a new generation, shutdown): the checkpoint from the
   * tables' latest positions is saved, told to the sink and held in PD now. Returns the final
   * progress in phase {@code end}, not written; empty when no maintainer ran.
   */
  private Optional<ChangefeedProgress> stopCleanly(Phase end) {
    if (maintainer == null) {
      return Optional.empty();
    }
    long cp;
    try {
      cp = maintainer.checkpointNow();
    } catch (RuntimeException e) {
      LOG.warn("changefeed {}: the last checkpoint not saved: {}", ctx.id(), e.getMessage());
      cp = maintainer.checkpointTs();
    }
    long resolved = end == Phase.FINISHED ? cp : Math.max(cp, maintainer.resolvedTs());
    ChangefeedProgress fin = progress(end, generation, cp, resolved, null);
    finalCheckpointTs = Math.max(finalCheckpointTs, cp);
    stop(); // closing the sink waits for the checkpoint write
    String late = failure.getAndSet(null);
    if (late != null) {
      LOG.warn("changefeed {}: while stopping: {}", ctx.id(), late);
    }
    LOG.info("changefeed {}: maintainer stopped at checkpoint {}", ctx.id(), cp);
    return Optional.of(fin);
  }

  /** This capture shuts down: a clean stop, its final progress written while still maintainer. */
  void shutdown() {
    stopCleanly(Phase.NORMAL).ifPresent(p -> writeProgress(p, true));
  }

  /** Paused: the GC safe point kept at the checkpoint; stopped: released. */
  private void holdState(
      ChangefeedInfo info, ChangefeedSettings settings, Optional<ChangefeedProgress> last) {
    long cp =
        Math.max(
            last.map(ChangefeedProgress::checkpointTs).orElse(settings.startTs()),
            finalCheckpointTs);
    Phase phase = info.state() == DesiredState.PAUSED ? Phase.PAUSED : Phase.STOPPED;
    ChangefeedProgress p =
        progress(
            phase,
            info.generation(),
            cp,
            Math.max(cp, last.map(ChangefeedProgress::resolvedTs).orElse(cp)),
            null);
    boolean changed = lastWritten == null || !sameExceptTime(lastWritten, p);
    long now = System.currentTimeMillis();
    if (changed || now >= gcDueAt) {
      try (var pd =
          io.tidb.cdc.worker.puller.pd.GrpcPdClient.connect(
              settings.pdAddresses(),
              io.tidb.cdc.worker.puller.pd.ChannelSecurity.forPd(
                  settings.pdAddresses(), ctx.config().tls().upstream()))) {
        GcSafePointKeeper gc = new GcSafePointKeeper(pd, ctx.gcServiceId(), settings.gcTtl());
        if (phase == Phase.PAUSED && cp > 0) {
          gc.keepAt(cp);
        } else if (phase == Phase.STOPPED) {
          gc.release();
        }
        gcDueAt = now + settings.gcTtl().toMillis() / 3;
      } catch (PdException | RuntimeException e) {
        LOG.warn("changefeed {}: GC safe point not updated: {}", ctx.id(), e.getMessage());
        gcDueAt = now + 5_000; // PD unreachable: try again soon, not every tick
      }
      writeProgress(p, true);
    }
  }

  /** Writes phase Failed with {@code message} (an invalid document, a start that cannot work). */
  void fail(long generation, String message, Optional<ChangefeedProgress> last) {
    stop();
    long cp = last.map(ChangefeedProgress::checkpointTs).orElse(0L);
    ChangefeedProgress p = progress(Phase.FAILED, generation, cp, cp, message);
    if (lastWritten == null
        || !Objects.equals(
            lastWritten.lastError() == null ? null : lastWritten.lastError().message(), message)) {
      writeProgress(p, true);
    }
  }

  /** Writes phase Warning with the error; the runner retries later. */
  void warn(long generation, String message, Optional<ChangefeedProgress> last) {
    stop();
    long cp = Math.max(last.map(ChangefeedProgress::checkpointTs).orElse(0L), finalCheckpointTs);
    // Our own last write counts too: the mirror may not show it yet.
    int retries =
        Math.max(
            retriesOf(last),
            lastWritten != null && lastWritten.generation() == generation
                ? retriesOf(Optional.of(lastWritten))
                : 0);
    writeProgress(
        new ChangefeedProgress(
            Phase.WARNING.text(),
            generation,
            cp,
            cp,
            cp,
            0,
            ctx.captureId(),
            new ChangefeedProgress.ErrorInfo(message, System.currentTimeMillis(), retries + 1),
            System.currentTimeMillis()),
        true);
  }

  private static int retriesOf(Optional<ChangefeedProgress> p) {
    return p.map(ChangefeedProgress::lastError)
        .map(ChangefeedProgress.ErrorInfo::retries)
        .orElse(0);
  }

  private ChangefeedProgress progress(Phase phase, long gen, long cp, long resolved, String error) {
    long barrier = tables == null || maintainer == null ? cp : tables.barrierTs();
    int count = maintainer == null ? 0 : maintainer.tables().size();
    return new ChangefeedProgress(
        phase.text(),
        gen,
        cp,
        resolved,
        barrier,
        count,
        ctx.captureId(),
        error == null
            ? null
            : new ChangefeedProgress.ErrorInfo(error, System.currentTimeMillis(), 0),
        System.currentTimeMillis());
  }

  private void writeProgress(ChangefeedProgress p, boolean now) {
    long t = System.currentTimeMillis();
    if (!now && t - lastWriteMillis < ctx.config().reportInterval().toMillis()) {
      return;
    }
    if (lastWritten != null && sameExceptTime(lastWritten, p)) {
      return;
    }
    try {
      fencedPut(ctx.keys().progress(), p);
      lastWritten = p;
      lastWriteMillis = t;
    } catch (RuntimeException e) {
      LOG.warn("changefeed {}: progress not written: {}", ctx.id(), e.getMessage());
    }
  }

  private static boolean sameExceptTime(ChangefeedProgress a, ChangefeedProgress b) {
    return a.phase().equals(b.phase())
        && a.generation() == b.generation()
        && a.checkpointTs() == b.checkpointTs()
        && a.resolvedTs() == b.resolvedTs()
        && a.barrierTs() == b.barrierTs()
        && a.tableCount() == b.tableCount()
        && Objects.equals(
            a.lastError() == null ? null : a.lastError().message(),
            b.lastError() == null ? null : b.lastError().message())
        && (a.lastError() == null ? 0 : a.lastError().retries())
            == (b.lastError() == null ? 0 : b.lastError().retries());
  }

  /** Puts {@code key} only while this capture still holds the maintainer key under its lease. */
  private void fencedPut(String key, Object value) {
    var r =
        Etcd.await(
            "put " + key,
            ctx.etcd()
                .kv()
                .txn()
                .If(
                    new Cmp(
                        Etcd.bytes(ctx.keys().maintainer()),
                        Cmp.Op.EQUAL,
                        CmpTarget.value(Etcd.bytes(ctx.captureId()))))
                .Then(
                    Op.put(
                        Etcd.bytes(key),
                        ByteSequence.from(CoordinationJson.encode(value)),
                        PutOption.DEFAULT))
                .commit());
    if (!r.isSucceeded()) {
      throw new IllegalStateException("no longer the maintainer of " + ctx.id());
    }
  }

  /** Stops the maintainer (its checkpoint saved); the capture stays a candidate. */
  void stop() {
    if (maintainer != null) {
      try {
        maintainer.close();
      } catch (RuntimeException e) {
        LOG.debug("closing the maintainer: {}", e.toString());
      }
      maintainer = null;
    }
    if (sink != null) {
      sink.close();
      sink = null;
    }
    if (upstream != null) {
      upstream.close();
      upstream = null;
    }
    tables = null;
    generation = -1;
  }

  /** A start failure a retry cannot fix. */
  static final class NotRetryable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotRetryable(String message) {
      super(message);
    }
  }
}
