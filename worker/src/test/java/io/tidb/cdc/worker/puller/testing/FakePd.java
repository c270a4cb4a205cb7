package io.tidb.cdc.worker.puller.testing;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.puller.pd.PdClient;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.pd.ServiceSafePoint;
import io.tidb.cdc.worker.puller.pd.StoreInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A PD that answers from a list of regions set by the test, counting calls. */
public final class FakePd implements PdClient {
  public List<RegionInfo> regions = new ArrayList<>();
  public int scans;
  public int gets;
  public int storeGets;
  public boolean down;

  public static RegionInfo region(
      long id, String start, String end, long version, long leaderStore) {
    List<RegionInfo.Peer> peers =
        List.of(
            new RegionInfo.Peer(id * 10 + 1, 1),
            new RegionInfo.Peer(id * 10 + 2, 2),
            new RegionInfo.Peer(id * 10 + 3, 3));
    return new RegionInfo(
        id,
        KeySpan.of(
            Bytes.copyOf(start.getBytes()),
            end.isEmpty() ? Bytes.EMPTY : Bytes.copyOf(end.getBytes())),
        1,
        version,
        peers,
        leaderStore == 0 ? RegionInfo.Peer.NONE : peers.get((int) leaderStore - 1));
  }

  @Override
  public long clusterId() {
    return 1;
  }

  @Override
  public List<RegionInfo> scanRegions(KeySpan range, int limit) throws PdException {
    scans++;
    check();
    List<RegionInfo> out = new ArrayList<>();
    for (RegionInfo r : regions) {
      if (r.span().intersect(range).isPresent() && out.size() < limit) {
        out.add(r);
      }
    }
    return out;
  }

  @Override
  public Optional<RegionInfo> getRegion(Bytes key) throws PdException {
    gets++;
    check();
    return regions.stream().filter(r -> r.span().contains(key)).findFirst();
  }

  @Override
  public StoreInfo getStore(long storeId) throws PdException {
    storeGets++;
    check();
    return new StoreInfo(storeId, "127.0.0.1:" + (20160 + storeId), true);
  }

  @Override
  public long currentTs() {
    return 1;
  }

  @Override
  public long gcSafePoint() {
    return 0;
  }

  @Override
  public ServiceSafePoint updateServiceGcSafePoint(String serviceId, long ttl, long safePoint) {
    return new ServiceSafePoint(serviceId, safePoint, ttl);
  }

  @Override
  public void close() {}

  private void check() throws PdException {
    if (down) {
      throw new PdException("PD is down");
    }
  }
}
