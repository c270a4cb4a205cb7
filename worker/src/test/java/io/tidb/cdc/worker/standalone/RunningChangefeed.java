package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A standalone runner on its own thread, its progress lines captured; close() stops it cleanly. */
final class RunningChangefeed implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(60);

  final StandaloneRunner runner;
  final CompletableFuture<StandaloneRunner.Outcome> outcome;
  final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  RunningChangefeed(ChangefeedSettings s, Path dataDir) {
    this(s, RunnerOptions.defaults(dataDir));
  }

  RunningChangefeed(ChangefeedSettings s, RunnerOptions options) {
    runner =
        new StandaloneRunner(
            s,
            options.withProgress(
                new PrintStream(progress, true, StandardCharsets.UTF_8),
                ProgressReporter.Mode.PLAIN));
    outcome = runner.runInBackground("test-runner");
  }

  /** Waits until the status satisfies {@code p}; fails with the status when it does not. */
  ChangefeedStatus await(Predicate<ChangefeedStatus> p) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (System.currentTimeMillis() < deadline) {
      ChangefeedStatus s = runner.status();
      if (p.test(s)) {
        return s;
      }
      if (outcome.isDone()) {
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("condition not reached; status " + runner.status());
  }

  /** The outcome of run(), waiting for it. */
  StandaloneRunner.Outcome outcome() throws Exception {
    return outcome.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  String progress() {
    return progress.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    runner.stop();
    try {
      runner.awaitStopped(WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
