package io.tidb.cdc.sim.cluster;

import io.tidb.cdc.kvproto.Metapb;

/** A TiKV store of the simulated cluster: its id, address and whether it is running. */
public final class StoreNode {
  private final long id;
  private final String version;
  private volatile String address = "";
  private volatile boolean up = true;
  private volatile long startedAtSeconds = System.currentTimeMillis() / 1000;

  StoreNode(long id, String version) {
    this.id = id;
    this.version = version;
  }

  public long id() {
    return id;
  }

  /** host:port of its gRPC server (empty until the server is bound). */
  public String address() {
    return address;
  }

  public boolean isUp() {
    return up;
  }

  void setAddress(String address) {
    this.address = address;
  }

  void setUp(boolean up) {
    this.up = up;
    if (up) {
      startedAtSeconds = System.currentTimeMillis() / 1000;
    }
  }

  /**
   * The store as PD reports it. A stopped TiKV stays {@code Up} in PD's metadata (PD only marks it
   * disconnected after missing heartbeats), so clients learn of the stop by failing to connect.
   */
  public Metapb.Store toProto() {
    return Metapb.Store.newBuilder()
        .setId(id)
        .setAddress(address)
        .setPeerAddress(address)
        .setStatusAddress(address)
        .setState(Metapb.StoreState.Up)
        .setNodeState(Metapb.NodeState.Serving)
        .setVersion(version)
        .setStartTimestamp(startedAtSeconds)
        .setLastHeartbeat(System.currentTimeMillis() * 1_000_000L)
        .build();
  }
}
