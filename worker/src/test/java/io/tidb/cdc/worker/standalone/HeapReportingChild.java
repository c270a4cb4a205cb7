package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code ticdc standalone} in a child JVM whose heap is under test: {@code HeapReportingChild FILE
 * DATA_DIR}. It runs until its standard input closes (or the changefeed ends on its own), stops the
 * changefeed cleanly and prints {@code outcome OUTCOME peakHeapMiB=N maxHeapMiB=M}, then exits with
 * the outcome's code. Unlike a signal, closing stdin leaves the exit code to the runner.
 */
public final class HeapReportingChild {
  private HeapReportingChild() {}

  public static void main(String[] args) throws Exception {
    ChangefeedSettings s = ChangefeedDefaults.load(Path.of(args[0]));
    StandaloneRunner runner =
        new StandaloneRunner(
            s,
            RunnerOptions.defaults(Path.of(args[1]))
                .withProgress(System.out, ProgressReporter.Mode.PLAIN));
    CompletableFuture<StandaloneRunner.Outcome> outcome = runner.runInBackground("child-runner");
    Thread stdin =
        new Thread(
            () -> {
              try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException e) {
                // a broken pipe means the parent is gone: stop as well
              }
              runner.stop();
            },
            "stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
    StandaloneRunner.Outcome o = outcome.get();
    runner.awaitStopped(Duration.ofSeconds(30));
    System.out.printf(
        "outcome %s peakHeapMiB=%d maxHeapMiB=%d%n",
        o, peakHeapBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    System.out.flush();
    System.exit(o.exitCode());
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap ever in use at once. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
