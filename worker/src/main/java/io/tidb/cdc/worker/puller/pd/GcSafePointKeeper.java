package io.tidb.cdc.worker.puller.pd;

import java.time.Duration;
import java.util.Objects;

/**
 * Holds a service GC safe point in PD at or below a changefeed's checkpoint, so TiKV keeps every
 * version a restart from the checkpoint needs. Call {@link #keepAt} whenever the checkpoint moves
 * (and well within the ttl); {@link #release} when the changefeed is removed.
 */
public final class GcSafePointKeeper {
  private final PdClient pd;
  private final String serviceId;
  private final long ttlSeconds;

  public GcSafePointKeeper(PdClient pd, String serviceId, Duration ttl) {
    this.pd = Objects.requireNonNull(pd, "pd");
    this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
    if (serviceId.isBlank()) {
      throw new IllegalArgumentException("GC service id must not be blank");
    }
    if (ttl.getSeconds() < 1) {
      throw new IllegalArgumentException("GC safe point ttl must be at least 1 s, got " + ttl);
    }
    this.ttlSeconds = ttl.getSeconds();
  }

  /**
   * Sets the service safe point to {@code checkpointTs - 1}, as TiCDC does: a restart reads at the
   * checkpoint, so versions visible there must survive.
   *
   * @return PD's answer
   * @throws PdException when PD fails, or when a safe point above the checkpoint is already in
   *     force (data the changefeed needs may be gone)
   */
  public ServiceSafePoint keepAt(long checkpointTs) throws PdException {
    if (checkpointTs < 1) {
      throw new IllegalArgumentException("checkpoint ts must be positive, got " + checkpointTs);
    }
    ServiceSafePoint answer = pd.updateServiceGcSafePoint(serviceId, ttlSeconds, checkpointTs - 1);
    if (answer.minSafePoint() > checkpointTs) {
      throw new PdException(
          "GC safe point "
              + answer.minSafePoint()
              + " (service '"
              + answer.minServiceId()
              + "') is already above checkpoint ts "
              + checkpointTs
              + ": the data since the checkpoint may have been garbage collected");
    }
    return answer;
  }

  /**
   * Checks that a changefeed may start at {@code startTs}.
   *
   * @throws PdException when {@code startTs} is below the cluster's GC safe point
   */
  public void checkStartTs(long startTs) throws PdException {
    long gc = pd.gcSafePoint();
    if (startTs < gc) {
      throw new PdException(
          "start ts " + startTs + " is older than the GC safe point " + gc + ": its data is gone");
    }
  }

  /** Removes the service safe point (ttl 0). */
  public void release() throws PdException {
    pd.updateServiceGcSafePoint(serviceId, 0, 0);
  }

  public String serviceId() {
    return serviceId;
  }
}
