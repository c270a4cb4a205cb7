package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ticdc standalone} for tests that need a process to kill: {@code StandaloneChild FILE
 * DATA_DIR}. A SIGTERM stops it cleanly (it prints {@code outcome STOPPED}, exit 0 or 143); a
 * SIGKILL just ends it.
 */
public final class StandaloneChild {
  private StandaloneChild() {}

  public static void main(String[] args) throws Exception {
    ChangefeedSettings s = ChangefeedDefaults.load(Path.of(args[0]));
    StandaloneRunner runner =
        new StandaloneRunner(
            s,
            RunnerOptions.defaults(Path.of(args[1]))
                .withProgress(System.out, ProgressReporter.Mode.PLAIN));
    CountDownLatch reported = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.stop();
                  try {
                    runner.awaitStopped(Duration.ofSeconds(30));
                    reported.await(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    StandaloneRunner.Outcome o = runner.run();
    System.out.println("outcome " + o);
    System.out.flush();
    reported.countDown();
    Runtime.getRuntime().halt(o.exitCode());
  }
}
