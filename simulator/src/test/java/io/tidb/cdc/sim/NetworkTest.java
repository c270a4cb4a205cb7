package io.tidb.cdc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NetworkTest {
  @Test
  void clientsAreToldTheAdvertisedHost() throws Exception {
    SimulatorConfig config =
        SimulatorConfig.defaults().withStores(2).withNetwork(new Network("127.0.0.1", "localhost"));
    try (Simulator sim = Simulator.start(config)) {
      assertThat(sim.pdAddress()).startsWith("localhost:");
      assertThat(sim.storeAddresses().values())
          .allSatisfy(a -> assertThat(a).startsWith("localhost:"));
      ManagedChannel channel =
          NettyChannelBuilder.forTarget(sim.pdAddress()).usePlaintext().build();
      try {
        Pdpb.GetMembersResponse members =
            PDGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .getMembers(Pdpb.GetMembersRequest.getDefaultInstance());
        assertThat(members.getLeader().getClientUrlsList())
            .containsExactly("http://" + sim.pdAddress());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void anUndialableAdvertiseHostIsRefused() {
    assertThatThrownBy(() -> new Network("0.0.0.0", "0.0.0.0"))
        .hasMessageContaining("advertise host '0.0.0.0' is not an address a client can dial");
    assertThatThrownBy(() -> new Network("", "x")).hasMessageContaining("listen host is empty");
  }
}
