package io.tidb.cdc.sim.cdc;

import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Errorpb;

/**
 * Region errors as the EventFeed stream carries them. This kvproto version's {@code cdcpb.Error}
 * has no {@code server_is_busy}; TiKV of that generation turns every region error other than
 * NotLeader and EpochNotMatch (ServerIsBusy included) into RegionNotFound, and so does the
 * simulator.
 */
final class EventFeedErrors {
  private EventFeedErrors() {}

  static Cdcpb.Event event(long regionId, long requestId, Cdcpb.Error error) {
    return Cdcpb.Event.newBuilder()
        .setRegionId(regionId)
        .setRequestId(requestId)
        .setError(error)
        .build();
  }

  static Cdcpb.Error fromRegionError(Errorpb.Error e, long regionId) {
    Cdcpb.Error.Builder b = Cdcpb.Error.newBuilder();
    if (e.hasNotLeader()) {
      return b.setNotLeader(e.getNotLeader()).build();
    }
    if (e.hasEpochNotMatch()) {
      return b.setEpochNotMatch(e.getEpochNotMatch()).build();
    }
    return regionNotFound(regionId);
  }

  static Cdcpb.Error regionNotFound(long regionId) {
    return Cdcpb.Error.newBuilder()
        .setRegionNotFound(Errorpb.RegionNotFound.newBuilder().setRegionId(regionId))
        .build();
  }

  static Cdcpb.Error duplicateRequest(long regionId) {
    return Cdcpb.Error.newBuilder()
        .setDuplicateRequest(Cdcpb.DuplicateRequest.newBuilder().setRegionId(regionId))
        .build();
  }

  static Cdcpb.Error compatibility(String requiredVersion) {
    return Cdcpb.Error.newBuilder()
        .setCompatibility(Cdcpb.Compatibility.newBuilder().setRequiredVersion(requiredVersion))
        .build();
  }

  static Cdcpb.Error clusterIdMismatch(long current, long request) {
    return Cdcpb.Error.newBuilder()
        .setClusterIdMismatch(
            Cdcpb.ClusterIDMismatch.newBuilder().setCurrent(current).setRequest(request))
        .build();
  }
}
