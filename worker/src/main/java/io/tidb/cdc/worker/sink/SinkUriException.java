package io.tidb.cdc.worker.sink;

/** A sink URI that cannot be used; the message names the bad part and what is accepted. */
public class SinkUriException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SinkUriException(String message) {
    super(message);
  }

  public SinkUriException(String message, Throwable cause) {
    super(message, cause);
  }
}
