package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.testsupport.process.ServerClasspath;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The runtime-* modules do not inherit the root pom (its BOMs would re-pin the servers'
 * dependencies), so their server versions are repeated there; this keeps them equal to the client
 * versions the root pom manages (passed in by surefire).
 */
class ServerRuntimeVersionTest {
  private static List<String> jarNames(String server) {
    return ServerClasspath.read(server).stream()
        .map(Path::getFileName)
        .map(Path::toString)
        .toList();
  }

  @Test
  void kafkaServerMatchesTheManagedClientVersion() {
    String version = System.getProperty("ticdc.expected.kafka.version");
    assertThat(version).isNotBlank();
    assertThat(jarNames("kafka")).contains("kafka_2.13-" + version + ".jar");
  }

  @Test
  void pulsarServerMatchesTheManagedClientVersion() {
    String version = System.getProperty("ticdc.expected.pulsar.version");
    assertThat(version).isNotBlank();
    assertThat(jarNames("pulsar")).contains("pulsar-broker-" + version + ".jar");
  }

  @Test
  void s3proxyMatchesTheManagedVersion() {
    String version = System.getProperty("ticdc.expected.s3proxy.version");
    assertThat(version).isNotBlank();
    assertThat(jarNames("s3")).contains("s3proxy-" + version + ".jar");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "kafka.Kafka",
        "org.apache.pulsar.PulsarStandaloneStarter",
        "org.gaul.s3proxy.Main"
      })
  void serverClassesStayOffTheTestClasspath(String serverMainClass) {
    assertThatThrownBy(() -> Class.forName(serverMainClass))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
