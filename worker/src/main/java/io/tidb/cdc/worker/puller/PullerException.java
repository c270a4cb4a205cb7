package io.tidb.cdc.worker.puller;

/** A subscription failed for good; {@link #kind()} says why. */
public final class PullerException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RegionErrorKind kind;

  public PullerException(RegionErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public PullerException(RegionErrorKind kind, String message) {
    this(kind, message, null);
  }

  /** The error kind, or null when the consumer itself failed. */
  public RegionErrorKind kind() {
    return kind;
  }
}
