package io.tidb.cdc.testsupport.servers;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, after a test run that started any server, how long each took to start and how long the
 * run took, e.g. {@code test servers: etcd 0.4s, mariadb 0.6s (start-up 1.0s); tests ran 3.2s}.
 * Registered through META-INF/services, so every module using this library gets it. The line goes
 * to stderr and is appended to {@code target/test-servers/summary.txt}.
 */
public final class TestServersSummary implements TestExecutionListener {
  private long planStart;

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    planStart = System.nanoTime();
  }

  @Override
  public void testPlanExecutionFinished(TestPlan testPlan) {
    List<TestServers.StartupTime> startups = TestServers.startupTimes();
    if (startups.isEmpty()) {
      return;
    }
    String line = format(startups, Duration.ofNanos(System.nanoTime() - planStart));
    PrintStream err = System.err;
    err.println(line);
    try {
      Path summary = ServerLogs.baseDir().resolve("summary.txt");
      Files.createDirectories(summary.getParent());
      Files.writeString(summary, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      err.println("(cannot write test server summary: " + e.getMessage() + ")");
    }
  }

  static String format(List<TestServers.StartupTime> startups, Duration run) {
    Duration total =
        startups.stream()
            .map(TestServers.StartupTime::duration)
            .reduce(Duration.ZERO, Duration::plus);
    return "test servers: "
        + startups.stream().map(TestServers.StartupTime::toString).collect(Collectors.joining(", "))
        + String.format(
            Locale.ROOT,
            " (start-up %.1fs); tests ran %.1fs",
            total.toMillis() / 1000.0,
            run.toMillis() / 1000.0);
  }
}
