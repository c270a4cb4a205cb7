package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.tidb.cdc.testsupport.leak.OnlyInEngineTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

@ExtendWith(TestServersExtension.class)
class NestedRunOwnershipTest {
  @Test
  void aNestedJUnitRunDoesNotStopTheServersOfTheOuterRun(EtcdServer etcd) {
    EngineTestKit.engine("junit-jupiter")
        .configurationParameter(OnlyInEngineTestKit.PARAMETER, "true")
        .selectors(selectClass(InjectsEtcd.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));

    // The nested run's root context closed; the server injected above must still be the one.
    assertThat(TestServers.etcd()).isSameAs(etcd);
    assertThat(TestServers.startupTimes())
        .filteredOn(startup -> startup.server().equals("etcd"))
        .hasSize(1);
  }

  @ExtendWith({OnlyInEngineTestKit.class, TestServersExtension.class})
  static class InjectsEtcd {
    @Test
    void getsTheSharedServer(EtcdServer etcd) {
      assertThat(etcd).isSameAs(TestServers.etcd());
    }
  }
}
