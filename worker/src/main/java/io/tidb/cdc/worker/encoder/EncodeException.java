package io.tidb.cdc.worker.encoder;

/** A change that cannot be encoded in the configured protocol; the message says which and why. */
public class EncodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EncodeException(String message) {
    super(message);
  }

  public EncodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
