package io.tidb.cdc.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.operator.tls.SecretTls;
import io.tidb.cdc.operator.tls.TlsSecretException;
import io.tidb.cdc.testsupport.servers.TlsEtcdServer;
import io.tidb.cdc.testsupport.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's etcd client over mutual TLS, its Secret served without an API server. */
class EtcdConnectionsTlsTest {
  @TempDir static Path root;
  static TestCertificates certs;
  static TlsEtcdServer etcd;

  @BeforeAll
  static void start() {
    certs = TestCertificates.generate(root);
    etcd = TlsEtcdServer.start(certs.serverDir());
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  /** Secrets named after the test identities' directories. */
  private static SecretTls secret(String ns, String name) throws TlsSecretException {
    Map<String, byte[]> values = new HashMap<>();
    try (var files = Files.list(root.resolve(name))) {
      for (Path f : files.toList()) {
        values.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    return SecretTls.of(ns + "/" + name, values);
  }

  @Test
  void readsTheClusterStateOverMutualTls() throws Exception {
    try (EtcdConnections c =
        new EtcdConnections(Duration.ofSeconds(5), EtcdConnectionsTlsTest::secret)) {
      ClusterStore store = c.store("ns", "main", List.of(etcd.hostPort()), Optional.of("client"));
      ClusterSnapshot s = store.snapshot();
      assertThat(s.captures()).isEmpty();
      assertThat(c.store("ns", "main", List.of(etcd.hostPort()), Optional.of("client")))
          .as("same Secret contents: same client")
          .isSameAs(store);
    }
  }

  @Test
  void anIdentityFromAnotherCaIsRefused() throws TlsSecretException {
    try (EtcdConnections c =
        new EtcdConnections(Duration.ofSeconds(2), EtcdConnectionsTlsTest::secret)) {
      ClusterStore store =
          c.store("ns", "other", List.of(etcd.hostPort()), Optional.of("stranger"));
      assertThatThrownBy(store::snapshot).isInstanceOf(EtcdUnavailableException.class);
    }
  }

  @Test
  void aSecretWithoutCaCrtIsNamed() {
    assertThatThrownBy(() -> SecretTls.of("ns/x", Map.of("tls.crt", new byte[1])))
        .hasMessage("TLS Secret ns/x has no ca.crt");
    assertThatThrownBy(
            () -> SecretTls.of("ns/x", Map.of("ca.crt", "junk".getBytes(), "tls.crt", new byte[1])))
        .hasMessage("TLS Secret ns/x has tls.crt but no tls.key");
    assertThatThrownBy(() -> SecretTls.of("ns/x", Map.of("ca.crt", "junk".getBytes())))
        .hasMessageStartingWith("TLS Secret ns/x: ca.crt is not a PEM certificate");
  }
}
