package io.tidb.cdc.sim.cluster;

import com.google.protobuf.ByteString;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.kvproto.Metapb;
import java.util.List;
import java.util.Optional;

/**
 * The region errors a TiKV store answers with, checked in the order raftstore checks a request:
 * region present on the store, leader, then epoch (for reads and CDC registrations only the version
 * is compared, in both directions).
 */
public final class RegionErrors {
  private RegionErrors() {}

  /**
   * Checks a request for {@code regionId} at {@code epoch} arriving at store {@code storeId}.
   *
   * @param requestStoreId the store id the client believes it talks to (0: not given)
   * @return the region error, or empty when the store may serve the request
   */
  public static Optional<Errorpb.Error> check(
      RegionTable table,
      long storeId,
      long requestStoreId,
      long regionId,
      Metapb.RegionEpoch epoch) {
    if (requestStoreId != 0 && requestStoreId != storeId) {
      return Optional.of(
          Errorpb.Error.newBuilder()
              .setMessage("store not match")
              .setStoreNotMatch(
                  Errorpb.StoreNotMatch.newBuilder()
                      .setRequestStoreId(requestStoreId)
                      .setActualStoreId(storeId))
              .build());
    }
    Optional<Region> found = table.byId(regionId).filter(r -> r.peerOn(storeId).isPresent());
    if (found.isEmpty()) {
      return Optional.of(regionNotFound(regionId));
    }
    Region region = found.get();
    if (region.leader().storeId() != storeId) {
      return Optional.of(notLeader(region));
    }
    if (epoch.getVersion() != region.version()) {
      return Optional.of(epochNotMatch(List.of(region)));
    }
    return Optional.empty();
  }

  public static Errorpb.Error regionNotFound(long regionId) {
    return Errorpb.Error.newBuilder()
        .setMessage("region " + regionId + " is not found")
        .setRegionNotFound(Errorpb.RegionNotFound.newBuilder().setRegionId(regionId))
        .build();
  }

  /** NotLeader naming the current leader, as a follower answers. */
  public static Errorpb.Error notLeader(Region region) {
    return Errorpb.Error.newBuilder()
        .setMessage("peer is not leader for region " + region.id())
        .setNotLeader(
            Errorpb.NotLeader.newBuilder()
                .setRegionId(region.id())
                .setLeader(region.leader().toProto()))
        .build();
  }

  public static Errorpb.Error epochNotMatch(List<Region> current) {
    Errorpb.EpochNotMatch.Builder b = Errorpb.EpochNotMatch.newBuilder();
    current.forEach(r -> b.addCurrentRegions(r.meta()));
    return Errorpb.Error.newBuilder().setMessage("epoch not match").setEpochNotMatch(b).build();
  }

  public static Errorpb.Error keyNotInRegion(ByteString rawKey, Region region) {
    return Errorpb.Error.newBuilder()
        .setMessage("key is not in region " + region.id())
        .setKeyNotInRegion(
            Errorpb.KeyNotInRegion.newBuilder()
                .setKey(rawKey)
                .setRegionId(region.id())
                .setStartKey(region.meta().getStartKey())
                .setEndKey(region.meta().getEndKey()))
        .build();
  }

  public static Errorpb.Error serverIsBusy(String reason, long backoffMs) {
    return Errorpb.Error.newBuilder()
        .setMessage("server is busy")
        .setServerIsBusy(
            Errorpb.ServerIsBusy.newBuilder().setReason(reason).setBackoffMs(backoffMs))
        .build();
  }
}
