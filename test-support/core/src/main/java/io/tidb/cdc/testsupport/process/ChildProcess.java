package io.tidb.cdc.testsupport.process;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A started child process whose output goes straight to a log file (no pump threads, so nothing of
 * ours lingers in the test JVM). Closing it kills the whole process tree.
 *
 * <p>Its stdin stays an open pipe: children run under {@link ParentWatchdog}, which ends the child
 * when that pipe closes, i.e. when the test JVM is gone however it died.
 */
public final class ChildProcess implements AutoCloseable {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private final ProcessSpec spec;
  private final Process process;

  private ChildProcess(ProcessSpec spec, Process process) {
    this.spec = spec;
    this.process = process;
  }

  /** Starts {@code spec}; the log file is truncated first. */
  public static ChildProcess start(ProcessSpec spec) {
    try {
      Files.createDirectories(spec.logFile().getParent());
      Files.createDirectories(spec.workDir());
      Files.writeString(spec.logFile(), "# " + spec.commandLine() + "\n");
    } catch (IOException e) {
      throw new ServerStartException(spec, "cannot prepare its directories", e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(spec.command())
            .directory(spec.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
    try {
      return new ChildProcess(spec, builder.start());
    } catch (IOException e) {
      throw new ServerStartException(spec, "cannot execute " + spec.command().get(0), e);
    }
  }

  public ProcessSpec spec() {
    return spec;
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, or -1 while it still runs. */
  public int exitCodeOrMinusOne() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /**
   * Waits for a short-lived tool (an installer, a formatter) and fails with its log tail unless it
   * exits with 0 within {@code timeout}.
   */
  public void awaitSuccess(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new ServerStartException(spec, "did not finish within " + timeout, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new ServerStartException(spec, "interrupted while waiting for it", e);
    }
    if (process.exitValue() != 0) {
      throw new ServerStartException(spec, "exited with code " + process.exitValue(), null);
    }
  }

  /** What the death of the test JVM looks like to the child: its stdin pipe closes. */
  void closeStdin() throws IOException {
    process.getOutputStream().close();
  }

  /** Kills the process and every descendant, and waits (bounded) until they are gone. */
  @Override
  public void close() {
    ProcessTrees.kill(process.toHandle(), KILL_WAIT);
  }
}
