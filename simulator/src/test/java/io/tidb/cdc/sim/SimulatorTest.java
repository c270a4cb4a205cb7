package io.tidb.cdc.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.testing.FeedClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static Set<Thread> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .collect(Collectors.toSet());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void startsOnFixedPortsAndLeavesNoThreadBehind() throws Exception {
    Set<Thread> before = nonDaemonThreads();
    int pdPort = freePort();
    List<Integer> storePorts = List.of(freePort(), freePort());
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withStores(2)
            .withPdPort(pdPort)
            .withStorePorts(storePorts)
            .withSplitKeys(List.of(ByteString.copyFromUtf8("m")));
    try (Simulator sim = Simulator.start(config)) {
      assertThat(sim.pdAddress()).isEqualTo("127.0.0.1:" + pdPort);
      assertThat(sim.storeAddresses())
          .containsEntry(1L, "127.0.0.1:" + storePorts.get(0))
          .containsEntry(2L, "127.0.0.1:" + storePorts.get(1));
      assertThat(sim.cluster().regions().size()).isEqualTo(2);
      try (FeedClient c = new FeedClient(sim.storeAddresses().get(1L), sim.clusterId())) {
        Region r = sim.cluster().regions().locate(ByteString.copyFromUtf8("a"));
        c.register(r, 1, 0, true);
        sim.txn().begin().put(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("1")).commit();
        c.until(FeedClient.initialized(r.id()), Duration.ofSeconds(10));
      }
      sim.admin().stopStore(2);
      sim.admin().startStore(2);
    }
    Thread.sleep(100);
    Set<Thread> leaked = nonDaemonThreads();
    leaked.removeAll(before);
    assertThat(leaked).isEmpty();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && t.getName().startsWith("sim-cdc-"));
  }

  @Test
  void aTakenPortIsReportedClearly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      SimulatorConfig config = SimulatorConfig.defaults().withPdPort(taken.getLocalPort());
      assertThatThrownBy(() -> Simulator.start(config))
          .hasMessageContaining("PD cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void badConfigurationsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> SimulatorConfig.defaults().withStores(0))
        .hasMessageContaining("at least one store");
    assertThatThrownBy(() -> SimulatorConfig.defaults().withStorePorts(List.of(1)))
        .hasMessageContaining("1 store ports for 3 stores");
    assertThatThrownBy(() -> SimulatorConfig.defaults().withResolvedTsInterval(Duration.ZERO))
        .hasMessageContaining("resolved ts interval must be positive");
  }
}
