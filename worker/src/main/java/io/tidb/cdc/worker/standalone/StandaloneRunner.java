package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.DesiredState;
import io.tidb.cdc.worker.http.StatusServer;
import io.tidb.cdc.worker.pipeline.ChangefeedPipeline;
import io.tidb.cdc.worker.pipeline.ChangefeedStarter;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.pipeline.PipelineOptions;
import io.tidb.cdc.worker.pipeline.StartException;
import io.tidb.cdc.worker.pipeline.Upstream;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.retry.Backoff;
import io.tidb.cdc.worker.sink.Sink;
import io.tidb.cdc.worker.sink.SinkException;
import io.tidb.cdc.worker.sink.SinkFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one changefeed in this process, the roles of operator, maintainer and worker together, with
 * its checkpoint in {@code DATA_DIR/namespace/name/}. A failure restarts the changefeed from its
 * checkpoint with back-off (phase Warning) until {@link RunnerOptions#retryFor()} has passed
 * without progress; a changefeed the user must fix (e.g. a start ts PD already collected) fails at
 * once. {@link #stop()} (a SIGTERM) stops cleanly: last flush, checkpoint saved.
 */
public final class StandaloneRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneRunner.class);

  /** How a run ended; the exit code of {@code ticdc standalone}. */
  public enum Outcome {
    FINISHED(0),
    STOPPED(0),
    PAUSED(0),
    FAILED(1);

    private final int exitCode;

    Outcome(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  private final ChangefeedSettings settings;
  private final RunnerOptions options;
  private final Path dir;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private volatile ChangefeedPipeline current;
  private volatile ChangefeedStatus last;
  private volatile StatusServer http;

  public StandaloneRunner(ChangefeedSettings settings, RunnerOptions options) {
    this.settings = settings;
    this.options = options;
    this.dir = options.dataDir().resolve(settings.namespace()).resolve(settings.name());
    this.last = ChangefeedStatus.pending(settings.namespace(), settings.name());
  }

  /** The changefeed's directory: checkpoint, sorter files, lock. */
  public Path changefeedDir() {
    return dir;
  }

  /** The status now (of the running attempt, or the last one). */
  public ChangefeedStatus status() {
    ChangefeedPipeline p = current;
    return p != null ? p.status() : last;
  }

  /** The HTTP port, once serving. */
  public Optional<Integer> httpPort() {
    StatusServer s = http;
    return s == null ? Optional.empty() : Optional.of(s.port());
  }

  /**
   * {@link #run()} on a daemon thread named {@code threadName}, for a caller that watches {@link
   * #status()} meanwhile; the future completes with the outcome or the failure.
   */
  public CompletableFuture<Outcome> runInBackground(String threadName) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                outcome.complete(run());
              } catch (Throwable e) {
                outcome.completeExceptionally(e);
              }
            },
            threadName);
    t.setDaemon(true);
    t.start();
    return outcome;
  }

  /** Runs until the changefeed finishes, fails for good, or {@link #stop()} is called. */
  public Outcome run() throws IOException {
    DataDirLock lock;
    try {
      lock = DataDirLock.acquire(dir);
    } catch (IOException e) {
      stopped.countDown();
      throw e;
    }
    try {
      if (settings.state() != DesiredState.RUNNING) {
        last = last.withPhase(Phase.PAUSED, Optional.empty());
        LOG.info(
            "changefeed {} is {} (spec.state); not replicating",
            settings.id(),
            settings.state().text());
        return Outcome.PAUSED;
      }
      if (options.httpPort().isPresent()) {
        http = StatusServer.start(options.httpHost(), options.httpPort().getAsInt(), this::status);
        LOG.info("status on http://{}:{}/api/v1/status", options.httpHost(), http.port());
      }
      try (ProgressReporter progress =
          new ProgressReporter(this::status, options.out(), options.progress())) {
        progress.start();
        return loop();
      }
    } finally {
      StatusServer s = http;
      if (s != null) {
        s.close();
      }
      lock.close();
      stopped.countDown();
    }
  }

  /** Asks {@link #run()} to stop cleanly; returns at once. */
  public void stop() {
    stopRequested.countDown();
    ChangefeedPipeline p = current;
    if (p != null) {
      // Wakes the waiting run() through the pipeline's done future.
      Thread t = new Thread(p::close, "ticdc-stop");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Waits until {@link #run()} has returned. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Outcome loop() {
    int attempt = 0;
    long failingSince = 0;
    while (stopRequested.getCount() > 0) {
      Optional<String> error;
      long checkpointBefore = last.checkpointTs();
      try (Upstream upstream = Upstream.connect(settings.pdAddresses(), options.upstreamTls())) {
        Outcome o = runOnce(upstream);
        if (o != null) {
          return o;
        }
        error = last.lastError();
      } catch (StartException e) {
        if (!e.isRetryable()) {
          fail(e.getMessage());
          return Outcome.FAILED;
        }
        error = Optional.of(e.getMessage());
      } catch (PdException | SinkException e) {
        error = Optional.of(e.getMessage());
      }
      if (stopRequested.getCount() == 0) {
        break;
      }
      long now = System.currentTimeMillis();
      if (last.checkpointTs() > checkpointBefore || failingSince == 0) {
        failingSince = now; // progress was made: the retry budget starts again
        attempt = 0;
      }
      if (now - failingSince > options.retryFor().toMillis()) {
        fail("giving up after retrying for " + options.retryFor() + ": " + error.orElse("?"));
        return Outcome.FAILED;
      }
      last = last.withPhase(Phase.WARNING, error);
      LOG.warn(
          "changefeed {} failed ({}); retrying from its checkpoint in {} ms",
          settings.id(),
          error.orElse("?"),
          backoff.delayMillis(attempt));
      try {
        if (stopRequested.await(backoff.delayMillis(attempt++), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    last = last.withPhase(Phase.STOPPED, Optional.empty());
    return Outcome.STOPPED;
  }

  /** One attempt; null when it failed and may be retried. */
  private Outcome runOnce(Upstream upstream) throws StartException {
    Sink sink = SinkFactory.open(settings.sinkUri());
    String gcService = "ticdc-standalone-" + settings.namespace() + "-" + settings.name();
    ChangefeedPipeline p =
        ChangefeedStarter.start(
            settings,
            upstream,
            sink,
            new FilePositionStore(dir, settings.id()),
            PipelineOptions.defaults(dir.resolve("sorter"), gcService));
    current = p;
    if (stopRequested.getCount() == 0) {
      p.close();
    }
    Phase end;
    try {
      end = p.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.close();
      end = Phase.STOPPED;
    } catch (ExecutionException e) {
      end = Phase.FAILED;
    }
    last = p.status();
    current = null;
    return switch (end) {
      case FINISHED -> Outcome.FINISHED;
      case STOPPED -> Outcome.STOPPED;
      default -> null;
    };
  }

  private void fail(String message) {
    last = last.withPhase(Phase.FAILED, Optional.of(message));
    LOG.error("changefeed {} failed: {}", settings.id(), message);
  }
}
