package io.tidb.cdc.testsupport.process;

/**
 * A test server did not come up. The message carries what was run, why it is considered failed and
 * the tail of its log, so that a failing build shows the cause without digging for files.
 */
public final class ServerStartException extends RuntimeException {
  /** How many log lines a failure message quotes. */
  public static final int LOG_TAIL_LINES = 50;

  private final String logTail;

  public ServerStartException(ProcessSpec spec, String reason, Throwable cause) {
    this(spec, reason, LogTail.read(spec.logFile(), LOG_TAIL_LINES), cause);
  }

  private ServerStartException(ProcessSpec spec, String reason, String logTail, Throwable cause) {
    super(describe(spec, reason, logTail, cause), cause);
    this.logTail = logTail;
  }

  /** The last lines of the server's log at the time of the failure (may be empty). */
  public String logTail() {
    return logTail;
  }

  private static String describe(ProcessSpec spec, String reason, String tail, Throwable cause) {
    StringBuilder text = new StringBuilder();
    text.append(spec.name()).append(" failed to start: ").append(reason);
    if (cause != null) {
      text.append(" (last probe error: ").append(cause).append(')');
    }
    text.append("\n  command: ").append(spec.commandLine());
    text.append("\n  working directory: ").append(spec.workDir());
    text.append("\n  log: ").append(spec.logFile());
    if (tail.isEmpty()) {
      text.append("\n  (log is empty)");
    } else {
      text.append("\n  last ").append(LOG_TAIL_LINES).append(" log lines:\n").append(tail);
    }
    return text.toString();
  }
}
