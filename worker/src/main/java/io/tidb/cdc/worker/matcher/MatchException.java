package io.tidb.cdc.worker.matcher;

/**
 * A region's event stream cannot be matched any further. The caller discards the region's {@link
 * RegionMatcher} and re-subscribes the region from its last resolved ts; TiKV then re-sends what
 * was not yet resolved.
 */
public final class MatchException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why matching stopped. */
  public enum Reason {
    /** TiKV sent something the protocol does not allow (e.g. a commit without its prewrite). */
    PROTOCOL_VIOLATION,
    /** A snapshot read for an evicted prewrite value failed. */
    SNAPSHOT_READ_FAILED
  }

  private final long regionId;
  private final Reason reason;

  public MatchException(long regionId, Reason reason, String message) {
    super("region " + regionId + ": " + message);
    this.regionId = regionId;
    this.reason = reason;
  }

  public MatchException(long regionId, Reason reason, String message, Throwable cause) {
    super("region " + regionId + ": " + message, cause);
    this.regionId = regionId;
    this.reason = reason;
  }

  public long regionId() {
    return regionId;
  }

  public Reason reason() {
    return reason;
  }
}
