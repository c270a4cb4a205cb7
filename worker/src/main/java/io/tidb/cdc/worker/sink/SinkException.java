package io.tidb.cdc.worker.sink;

/** A sink failed or refused a call; the message says which sink, what and why. */
public class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
