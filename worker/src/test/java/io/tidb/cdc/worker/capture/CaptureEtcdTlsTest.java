package io.tidb.cdc.worker.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.kv.GetResponse;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.testsupport.servers.TlsEtcdServer;
import io.tidb.cdc.testsupport.tls.TestCertificates;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.config.TiCdcCluster;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capture registering in an etcd that requires client certificates. */
class CaptureEtcdTlsTest {
  @TempDir static Path root;
  static TestCertificates certs;
  static TlsEtcdServer etcd;
  static TiCdcCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.generate(root.resolve("certs"));
    etcd = TlsEtcdServer.start(certs.serverDir());
    Path file = root.resolve("cluster.yaml");
    // No changefeed runs here, so the upstream is never dialed.
    Files.writeString(
        file,
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: tls}
        spec:
          upstream: {pdAddresses: ["127.0.0.1:1"]}
        """);
    cluster = ResourceFile.readCluster(file);
  }

  @AfterAll
  static void stop() {
    etcd.close();
  }

  private static CaptureConfig config(String id, Optional<TlsConfig> etcdTls) {
    return CaptureConfig.defaults(
            id, "default", cluster, List.of(etcd.hostPort()), root.resolve("data-" + id))
        .withLeaseTtl(Duration.ofSeconds(3))
        .withTls(new CaptureTls(Optional.empty(), etcdTls));
  }

  @Test
  void registersOverMutualTls() throws Exception {
    Optional<TlsConfig> tls = Optional.of(TlsConfig.fromDir(certs.clientDir()));
    try (Capture c = Capture.start(config("c1", tls));
        Etcd reader = new Etcd(List.of(etcd.endpoint()), tls)) {
      String key = config("c1", tls).layout().capture(c.status().captureId());
      GetResponse r = Etcd.await("get", reader.kv().get(Etcd.bytes(key)));
      assertThat(r.getKvs()).hasSize(1);
      CaptureInfo info =
          CoordinationJson.decode(key, r.getKvs().get(0).getValue().getBytes(), CaptureInfo.class);
      assertThat(info.id()).isEqualTo("c1");
      assertThat(c.status().registered()).isTrue();
    }
  }

  @Test
  void aCaptureWhoseCertificateTheEtcdCaDidNotSignCannotStart() {
    Optional<TlsConfig> stranger = Optional.of(TlsConfig.fromDir(certs.strangerDir()));
    assertThatThrownBy(() -> Capture.start(config("c2", stranger)).close())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("capture c2: etcd");
  }
}
