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
    if (failed != null) {
      stop();
      throw new IllegalStateException(failed);
    }
    if (maintainer != null && generation != info.generation()) {
      LOG.info(
          "changefeed {}: generation {} → {}; restarting from the checkpoint",
          ctx.id(),
          generation,
          info.generation());
      stop();
    }
    if (info.state() != DesiredState.RUNNING) {
      stop();
      holdState(info, settings, last);
      return;
    }
    if (last.map(
            p -> p.generation() == info.generation() && p.phase().equals(Phase.FINISHED.text()))
        .orElse(false)) {
      return; // finished: nothing more to do until the spec changes
    }
    if (maintainer == null) {
      start(info, settings, last);
    }
    if (maintainer.tick()) {
      LOG.info("changefeed {} reached its target ts {}", ctx.id(), settings.targetTs());
      long cp = maintainer.checkpointTs();
      writeProgress(progress(Phase.FINISHED, info.generation(), cp, cp, null), true);
      stop();
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
    OptionalLong stored =
        last.filter(p -> p.checkpointTs() > 0)
            .map(p -> OptionalLong.of(p.checkpointTs()))
            .orElse(OptionalLong.empty());
    try {
      upstream = Upstream.connect(settings.pdAddresses());
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

  /** Paused: the GC safe point kept at the checkpoint; stopped: released. */
  private void holdState(
      ChangefeedInfo info, ChangefeedSettings settings, Optional<ChangefeedProgress> last) {
    long cp = last.map(ChangefeedProgress::checkpointTs).orElse(settings.startTs());
    Phase phase = info.state() == DesiredState.PAUSED ? Phase.PAUSED : Phase.STOPPED;
    ChangefeedProgress p =
        progress(
            phase,
            info.generation(),
            cp,
            last.map(ChangefeedProgress::resolvedTs).orElse(cp),
            null);
    boolean changed = lastWritten == null || !lastWritten.phase().equals(phase.text());
    long now = System.currentTimeMillis();
    if (changed || now - lastWriteMillis > settings.gcTtl().toMillis() / 3) {
      try (var pd = io.tidb.cdc.worker.puller.pd.GrpcPdClient.connect(settings.pdAddresses())) {
        GcSafePointKeeper gc = new GcSafePointKeeper(pd, ctx.gcServiceId(), settings.gcTtl());
        if (phase == Phase.PAUSED && cp > 0) {
          gc.keepAt(cp);
        } else if (phase == Phase.STOPPED) {
          gc.release();
        }
      } catch (PdException | RuntimeException e) {
        LOG.warn("changefeed {}: GC safe point not updated: {}", ctx.id(), e.getMessage());
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
    long cp = last.map(ChangefeedProgress::checkpointTs).orElse(0L);
    int retries =
        last.map(ChangefeedProgress::lastError)
            .map(ChangefeedProgress.ErrorInfo::retries)
            .orElse(0);
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
            b.lastError() == null ? null : b.lastError().message());
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
