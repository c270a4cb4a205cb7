package io.tidb.cdc.worker.matcher;

/** A {@link SnapshotReader} could not read a key. */
public final class SnapshotReadException extends Exception {
  private static final long serialVersionUID = 1L;

  public SnapshotReadException(String message, Throwable cause) {
    super(message, cause);
  }

  public SnapshotReadException(String message) {
    super(message);
  }
}
