package io.tidb.cdc.worker.pipeline;

/**
 * A changefeed cannot start: the upstream is unreachable, the start ts is older than the GC safe
 * point, the schema cannot be read. The message names the cause (and the field, when a field of the
 * changefeed is the cause).
 */
public final class StartException extends Exception {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  public StartException(String message, Throwable cause, boolean retryable) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again later may succeed (false: the changefeed must change first). */
  public boolean isRetryable() {
    return retryable;
  }
}
