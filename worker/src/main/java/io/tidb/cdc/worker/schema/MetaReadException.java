package io.tidb.cdc.worker.schema;

/** A {@link MetaReader} could not read TiKV (network, region error, GC'd snapshot). */
public final class MetaReadException extends Exception {
  private static final long serialVersionUID = 1L;

  public MetaReadException(String message) {
    super(message);
  }

  public MetaReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
