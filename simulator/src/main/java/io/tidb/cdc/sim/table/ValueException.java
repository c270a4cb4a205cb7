package io.tidb.cdc.sim.table;

/** A value does not fit its column (type, range, length, NULL-ness); the message says which. */
public class ValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ValueException(String message) {
    super(message);
  }

  public ValueException(String message, Throwable cause) {
    super(message, cause);
  }
}
