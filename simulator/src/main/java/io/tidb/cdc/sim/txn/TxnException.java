package io.tidb.cdc.sim.txn;

/** A transaction could not read or commit; nothing it buffered was written. */
public class TxnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TxnException(String message) {
    super(message);
  }

  public TxnException(String message, Throwable cause) {
    super(message, cause);
  }
}
