package io.tidb.cdc.sim.cluster;

import io.tidb.cdc.kvproto.Metapb;

/** A replica of a region on a store. */
public record Peer(long id, long storeId) {
  public Metapb.Peer toProto() {
    return Metapb.Peer.newBuilder().setId(id).setStoreId(storeId).build();
  }
}
