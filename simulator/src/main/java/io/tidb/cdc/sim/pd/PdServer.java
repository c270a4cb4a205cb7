package io.tidb.cdc.sim.pd;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.services.HealthStatusManager;
import io.tidb.cdc.sim.Network;
import io.tidb.cdc.sim.cluster.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The PD gRPC server ({@code pdpb.PD} and {@code grpc.health.v1.Health}). */
public final class PdServer implements AutoCloseable {
  private final Server server;
  private final GcSafePoints gc;

  private final String advertised;

  private PdServer(Server server, GcSafePoints gc, String advertised) {
    this.advertised = advertised;
    this.server = server;
    this.gc = gc;
  }

  /**
   * Binds {@code port} (0: a free port) and serves PD for {@code cluster}.
   *
   * @param version the PD version GetMembers reports
   * @param network the host to listen on and the one to advertise
   */
  public static PdServer start(Cluster cluster, int port, String version, Network network) {
    GcSafePoints gc = new GcSafePoints(() -> System.currentTimeMillis() / 1000);
    HealthStatusManager health = new HealthStatusManager();
    AtomicReference<PdMember> member = new AtomicReference<>();
    PdService service = new PdService(cluster, gc, member::get);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(network.listenHost(), port))
            .withOption(ChannelOption.SO_REUSEADDR, true)
            .addService(service)
            .addService(health.getHealthService());
    network.tls().ifPresent(t -> t.applyTo(builder));
    Server s = builder.build();
    try {
      s.start();
    } catch (IOException e) {
      throw new UncheckedIOException("PD cannot listen on " + network.listenHost() + ":" + port, e);
    }
    // A stable member id derived from the cluster id, as every PD member has its own.
    member.set(
        new PdMember(
            cluster.clusterId() ^ 0x5044L,
            "pd-sim",
            network.scheme() + "://" + network.advertised(s.getPort()),
            version));
    return new PdServer(s, gc, network.advertised(s.getPort()));
  }

  public int port() {
    return server.getPort();
  }

  /** host:port of the PD endpoint, as advertised. */
  public String address() {
    return advertised;
  }

  public GcSafePoints gcSafePoints() {
    return gc;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
