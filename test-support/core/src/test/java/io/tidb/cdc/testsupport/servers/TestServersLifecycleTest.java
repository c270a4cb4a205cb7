package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.testsupport.process.Executables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServersExtension.class)
class TestServersLifecycleTest {
  @Test
  void aServerIsStartedOnceForAllTestClassesOfTheJvm(EtcdServer etcd) {
    // EtcdServerTest injects etcd too; whichever class runs first, the JVM starts it only once.
    assertThat(TestServers.startupTimes())
        .filteredOn(startup -> startup.server().equals("etcd"))
        .hasSize(1);
    assertThat(TestServers.etcd()).isSameAs(etcd);
  }

  @Test
  void serverProcessIsAChildOfTheTestJvm(EtcdServer etcd) {
    assertThat(ProcessHandle.current().children())
        .anySatisfy(
            child ->
                assertThat(child.info().commandLine().orElse(""))
                    .contains("etcd")
                    .contains("--listen-client-urls=" + etcd.endpoint()));
  }

  @Test
  void missingBinaryNamesTheDebianPackage() {
    assertThatThrownBy(() -> Executables.find("ticdc-no-such-server", "ticdc-no-such-package"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ticdc-no-such-server is not installed")
        .hasMessageContaining("Debian package ticdc-no-such-package")
        .hasMessageContaining("dev/install-test-deps");
  }
}
