package io.tidb.cdc.worker.puller.pd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.sim.ServerTls;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.testsupport.tls.TestCertificates;
import io.tidb.cdc.worker.puller.retry.Backoff;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PD over mutual TLS: the simulator requires client certificates signed by the test CA. */
class GrpcPdClientTlsTest {
  @TempDir static Path certsRoot;
  static TestCertificates certs;
  static Simulator sim;

  @BeforeAll
  static void start() {
    certs = TestCertificates.generate(certsRoot);
    sim =
        Simulator.start(
            SimulatorConfig.defaults()
                .withStores(1)
                .withTls(
                    new ServerTls(
                        certs.serverDir().resolve("tls.crt"),
                        certs.serverDir().resolve("tls.key"),
                        Optional.of(certs.caCert()))));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static GrpcPdClient connectOnce(ChannelSecurity security) throws PdException {
    return GrpcPdClient.connect(
        List.of(sim.pdAddress()),
        security,
        Duration.ofSeconds(5),
        new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)),
        1);
  }

  @Test
  void aClientWithTheClusterCertificateTalksToPdAndItsStoresAdvertiseTls() throws Exception {
    ChannelSecurity tls = ChannelSecurity.tls(TlsConfig.fromDir(certs.clientDir()));
    try (GrpcPdClient pd = connectOnce(tls)) {
      assertThat(pd.clusterId()).isEqualTo(sim.clusterId());
      assertThat(pd.currentTs()).isPositive();
      assertThat(pd.getStore(1).address()).isEqualTo(sim.storeAddresses().get(1L));
      assertThat(pd.channelSecurity().isTls()).isTrue();
    }
  }

  @Test
  void httpsAddressesWithTheTlsDirectoryWork() throws Exception {
    List<String> https = List.of("https://" + sim.pdAddress());
    ChannelSecurity s =
        ChannelSecurity.forPd(https, Optional.of(TlsConfig.fromDir(certs.clientDir())));
    try (GrpcPdClient pd = GrpcPdClient.connect(https, s)) {
      assertThat(pd.clusterId()).isEqualTo(sim.clusterId());
    }
  }

  @Test
  void aClientThatDoesNotTrustTheClusterCaIsRefusedSayingWhy() {
    ChannelSecurity stranger = ChannelSecurity.tls(TlsConfig.fromDir(certs.strangerDir()));
    assertThatThrownBy(() -> connectOnce(stranger))
        .isInstanceOf(PdException.class)
        .hasMessageContaining("no PD endpoint of [" + sim.pdAddress() + "] answered")
        .hasMessageContaining("TLS handshake failed (mutual TLS from " + certs.strangerDir())
        .hasMessageContaining("certification path");
  }

  @Test
  void aClientWithoutACertificateIsRefusedByMutualTls() {
    ChannelSecurity caOnly = ChannelSecurity.tls(TlsConfig.fromDir(certs.caOnlyDir()));
    assertThatThrownBy(() -> connectOnce(caOnly))
        .isInstanceOf(PdException.class)
        .hasMessageContaining("TLS handshake failed (TLS (server authentication only)")
        .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("certificate_required"));
  }

  @Test
  void aPlaintextClientIsRefused() {
    assertThatThrownBy(() -> connectOnce(ChannelSecurity.plaintext()))
        .isInstanceOf(PdException.class)
        .hasMessageContaining("no PD endpoint of [" + sim.pdAddress() + "] answered")
        .hasMessageContaining("does the server require TLS?");
  }

  @Test
  void anHttpAddressContradictsTls() {
    assertThatThrownBy(
            () ->
                ChannelSecurity.forPd(
                    List.of("http://" + sim.pdAddress()),
                    Optional.of(TlsConfig.fromDir(certs.clientDir()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("says http:// but the upstream uses TLS");
    assertThat(ChannelSecurity.forPd(List.of("https://pd:2379"), Optional.empty()).isTls())
        .isTrue();
    assertThat(ChannelSecurity.forPd(List.of("pd:2379"), Optional.empty()).isTls()).isFalse();
  }
}
