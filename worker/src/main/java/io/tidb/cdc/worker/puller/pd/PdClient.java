package io.tidb.cdc.worker.puller.pd;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.List;
import java.util.Optional;

/** What the worker asks PD. Implementations are thread-safe and retry transport errors. */
public interface PdClient extends AutoCloseable {
  /** How channels to this upstream are secured; the puller opens its store channels with it. */
  default ChannelSecurity channelSecurity() {
    return ChannelSecurity.plaintext();
  }

  /** The cluster id every PD and TiKV request carries. */
  long clusterId();

  /**
   * Up to {@code limit} regions overlapping the raw {@code range}, in key order, with leaders.
   * Regions PD does not know (a split being reported) leave gaps.
   */
  List<RegionInfo> scanRegions(KeySpan range, int limit) throws PdException;

  /** The region holding raw {@code key}. */
  Optional<RegionInfo> getRegion(Bytes key) throws PdException;

  StoreInfo getStore(long storeId) throws PdException;

  /** A fresh timestamp from PD's TSO. */
  long currentTs() throws PdException;

  /** The cluster's GC safe point: data below it may be gone. */
  long gcSafePoint() throws PdException;

  /**
   * Sets the service GC safe point of {@code serviceId} (PD keeps data at and above it for {@code
   * ttlSeconds}); a ttl of 0 removes it.
   */
  ServiceSafePoint updateServiceGcSafePoint(String serviceId, long ttlSeconds, long safePoint)
      throws PdException;

  @Override
  void close();
}
