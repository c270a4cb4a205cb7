package io.tidb.cdc.sim;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cdc.CdcConfig;
import java.time.Duration;
import java.util.List;

/**
 * How to start a {@link Simulator}.
 *
 * @param stores number of TiKV stores
 * @param replicas peers per region (capped at {@code stores})
 * @param pdPort PD port on 127.0.0.1, 0 for a free one
 * @param storePorts one port per store, or empty for free ones
 * @param clusterId the cluster id every PD response and CDC check uses
 * @param version the TiKV and PD version reported to clients
 * @param cdc CDC endpoint tuning (resolved ts interval and back-pressure)
 * @param splitKeys raw keys at which the initial region is split at start
 * @param network where the servers listen, what address they advertise, and TLS if any
 */
public record SimulatorConfig(
    int stores,
    int replicas,
    int pdPort,
    List<Integer> storePorts,
    long clusterId,
    String version,
    CdcConfig cdc,
    List<ByteString> splitKeys,
    Network network) {

  public static final long DEFAULT_CLUSTER_ID = 7_300_000_000_000_000_001L;

  public SimulatorConfig {
    if (stores < 1) {
      throw new IllegalArgumentException("need at least one store, got " + stores);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("need at least one replica, got " + replicas);
    }
    if (!storePorts.isEmpty() && storePorts.size() != stores) {
      throw new IllegalArgumentException(
          "got " + storePorts.size() + " store ports for " + stores + " stores");
    }
    if (clusterId == 0) {
      throw new IllegalArgumentException("cluster id 0 means 'not bootstrapped' to PD clients");
    }
    if (network == null) {
      throw new IllegalArgumentException("network is null");
    }
    storePorts = List.copyOf(storePorts);
    splitKeys = List.copyOf(splitKeys);
  }

  /** Three stores, three replicas, free ports, resolved ts every second. */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        3,
        3,
        0,
        List.of(),
        DEFAULT_CLUSTER_ID,
        "6.1.0",
        CdcConfig.DEFAULT,
        List.of(),
        Network.LOOPBACK);
  }

  public SimulatorConfig withStores(int n) {
    return new SimulatorConfig(
        n, replicas, pdPort, List.of(), clusterId, version, cdc, splitKeys, network);
  }

  public SimulatorConfig withReplicas(int n) {
    return new SimulatorConfig(
        stores, n, pdPort, storePorts, clusterId, version, cdc, splitKeys, network);
  }

  public SimulatorConfig withPdPort(int port) {
    return new SimulatorConfig(
        stores, replicas, port, storePorts, clusterId, version, cdc, splitKeys, network);
  }

  public SimulatorConfig withStorePorts(List<Integer> ports) {
    return new SimulatorConfig(
        stores, replicas, pdPort, ports, clusterId, version, cdc, splitKeys, network);
  }

  public SimulatorConfig withResolvedTsInterval(Duration interval) {
    return new SimulatorConfig(
        stores,
        replicas,
        pdPort,
        storePorts,
        clusterId,
        version,
        cdc.withResolvedTsInterval(interval),
        splitKeys,
        network);
  }

  public SimulatorConfig withCdc(CdcConfig c) {
    return new SimulatorConfig(
        stores, replicas, pdPort, storePorts, clusterId, version, c, splitKeys, network);
  }

  public SimulatorConfig withSplitKeys(List<ByteString> keys) {
    return new SimulatorConfig(
        stores, replicas, pdPort, storePorts, clusterId, version, cdc, keys, network);
  }

  public SimulatorConfig withNetwork(Network n) {
    return new SimulatorConfig(
        stores, replicas, pdPort, storePorts, clusterId, version, cdc, splitKeys, n);
  }

  /** TLS on the PD and store gRPC servers (part of {@link #network()}). */
  public SimulatorConfig withTls(ServerTls tls) {
    return withNetwork(network.withTls(tls));
  }
}
