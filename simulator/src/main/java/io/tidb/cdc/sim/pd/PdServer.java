package io.tidb.cdc.sim.pd;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.protobuf.services.HealthStatusManager;
import io.tidb.cdc.sim.cluster.Cluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The PD gRPC server on 127.0.0.1 ({@code pdpb.PD} and {@code grpc.health.v1.Health}). */
public final class PdServer implements AutoCloseable {
  private final Server server;
  private final GcSafePoints gc;

  private PdServer(Server server, GcSafePoints gc) {
    this.server = server;
    this.gc = gc;
  }

  /**
   * Binds {@code port} (0: a free port) and serves PD for {@code cluster}.
   *
   * @param version the PD version GetMembers reports
   */
  public static PdServer start(Cluster cluster, int port, String version) {
    GcSafePoints gc = new GcSafePoints(() -> System.currentTimeMillis() / 1000);
    HealthStatusManager health = new HealthStatusManager();
    AtomicReference<PdMember> member = new AtomicReference<>();
    PdService service = new PdService(cluster, gc, member::get);
    Server s =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
            .withOption(ChannelOption.SO_REUSEADDR, true)
            .addService(service)
            .addService(health.getHealthService())
            .build();
    try {
      s.start();
    } catch (IOException e) {
      throw new UncheckedIOException("PD cannot listen on 127.0.0.1:" + port, e);
    }
    // A stable member id derived from the cluster id, as every PD member has its own.
    member.set(
        new PdMember(
            cluster.clusterId() ^ 0x5044L, "pd-sim", "http://127.0.0.1:" + s.getPort(), version));
    return new PdServer(s, gc);
  }

  public int port() {
    return server.getPort();
  }

  /** host:port of the PD endpoint. */
  public String address() {
    return "127.0.0.1:" + port();
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
