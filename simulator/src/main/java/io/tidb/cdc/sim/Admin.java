package io.tidb.cdc.sim;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.tikv.StoreServer;
import java.util.List;
import java.util.Map;

/**
 * Operations an operator or PD's schedulers apply to a running cluster, with their effects on open
 * clients: split, merge, leader transfer, and stopping or restarting a store (same address).
 */
public final class Admin {
  private final Cluster cluster;
  private final Map<Long, StoreServer> servers;

  Admin(Cluster cluster, Map<Long, StoreServer> servers) {
    this.cluster = cluster;
    this.servers = servers;
  }

  /** Splits the region holding {@code rawKey} at it; returns left and right. */
  public List<Region> split(ByteString rawKey) {
    return cluster.split(rawKey);
  }

  /** Merges region {@code sourceId} into its neighbour {@code targetId}. */
  public Region merge(long sourceId, long targetId) {
    return cluster.merge(sourceId, targetId);
  }

  public Region transferLeader(long regionId, long storeId) {
    return cluster.transferLeader(regionId, storeId);
  }

  /** Stops a store: breaks its streams, moves its leaders, then shuts its server down. */
  public void stopStore(long storeId) {
    StoreServer server = server(storeId);
    cluster.stopStore(storeId);
    // Outside the cluster lock: handlers blocked on it must be able to finish.
    server.stop();
  }

  /** Starts a stopped store again on its old port. */
  public void startStore(long storeId) {
    StoreServer server = server(storeId);
    if (cluster.store(storeId).isUp()) {
      throw new IllegalStateException("store " + storeId + " is already running");
    }
    server.start(server.port());
    cluster.startStore(storeId);
  }

  private StoreServer server(long storeId) {
    StoreServer s = servers.get(storeId);
    if (s == null) {
      throw new IllegalArgumentException(
          "no store " + storeId + " (stores: " + servers.keySet() + ")");
    }
    return s;
  }
}
