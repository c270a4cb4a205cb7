package io.tidb.cdc.worker.mounter;

/**
 * A raw change could not be decoded: its value does not follow TiDB's row format or does not fit
 * the table's columns. The message names the table ID, the key in hex and what is wrong.
 */
public final class MountException extends Exception {
  private static final long serialVersionUID = 1L;

  public MountException(String message) {
    super(message);
  }

  public MountException(String message, Throwable cause) {
    super(message, cause);
  }
}
