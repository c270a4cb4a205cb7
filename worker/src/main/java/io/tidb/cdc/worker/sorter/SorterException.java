package io.tidb.cdc.worker.sorter;

/** A sorter cannot accept or release events; the span's pipeline must restart from checkpoint. */
public final class SorterException extends Exception {
  private static final long serialVersionUID = 1L;

  public SorterException(String message) {
    super(message);
  }

  public SorterException(String message, Throwable cause) {
    super(message, cause);
  }
}
