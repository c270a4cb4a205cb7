package io.tidb.cdc.sim.tikv;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.services.HealthStatusManager;
import io.tidb.cdc.sim.Network;
import io.tidb.cdc.sim.cdc.CdcHub;
import io.tidb.cdc.sim.cdc.ChangeDataService;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.fault.FaultInjector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server of one simulated TiKV store: {@code tikvpb.Tikv} (snapshot reads), {@code
 * cdcpb.ChangeData} and {@code grpc.health.v1.Health}. It can be stopped and started again on the
 * same port, as a restarted TiKV keeps its address.
 */
public final class StoreServer implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 128 << 20;

  private final long storeId;
  private final Cluster cluster;
  private final CdcHub hub;
  private final FaultInjector faults;
  private final Network network;
  private Server server;
  private int port;

  public StoreServer(
      long storeId, Cluster cluster, CdcHub hub, FaultInjector faults, Network network) {
    this.storeId = storeId;
    this.network = network;
    this.cluster = cluster;
    this.hub = hub;
    this.faults = faults;
  }

  /** Starts on {@code requestedPort} (0: a free port) and returns the bound port. */
  public synchronized int start(int requestedPort) {
    if (server != null) {
      throw new IllegalStateException("store " + storeId + " server is already running");
    }
    HealthStatusManager health = new HealthStatusManager();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(network.listenHost(), requestedPort))
            .withOption(ChannelOption.SO_REUSEADDR, true)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .addService(new KvService(storeId, cluster, faults))
            .addService(new ChangeDataService(storeId, hub).definition())
            .addService(health.getHealthService());
    network.tls().ifPresent(t -> t.applyTo(builder));
    Server s = builder.build();
    try {
      s.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "store " + storeId + " cannot listen on " + network.listenHost() + ":" + requestedPort,
          e);
    }
    server = s;
    port = s.getPort();
    return port;
  }

  /** Port of the running server, or of the last run. */
  public synchronized int port() {
    return port;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the server at once; open calls fail with UNAVAILABLE or CANCELLED on the client. */
  public void stop() {
    Server s;
    synchronized (this) {
      s = server;
      server = null;
    }
    if (s == null) {
      return;
    }
    s.shutdownNow();
    try {
      s.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
