package io.tidb.cdc.worker.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.testsupport.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
  @TempDir static Path certsRoot;
  static TestCertificates certs;

  @TempDir Path tmp;

  @BeforeAll
  static void generate() {
    certs = TestCertificates.generate(certsRoot);
  }

  private Path copyOf(Path dir) throws Exception {
    Path d = Files.createDirectories(tmp.resolve("copy"));
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.copy(f, d.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return d;
  }

  @Test
  void loadsTheCaAndTheClientIdentity() {
    TlsConfig tls = TlsConfig.fromDir(certs.clientDir());
    assertThat(tls.trustedCas()).hasSize(1);
    assertThat(tls.trustedCas().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=ticdc-test-ca");
    assertThat(tls.identity()).isPresent();
    assertThat(tls.identity().get().chain().get(0).getSubjectX500Principal().getName())
        .isEqualTo("CN=ticdc-client");
    assertThat(tls.toString()).startsWith("mutual TLS from ");
  }

  @Test
  void aCaAloneMeansServerAuthenticationOnly() {
    TlsConfig tls = TlsConfig.fromDir(certs.caOnlyDir());
    assertThat(tls.identity()).isEmpty();
    assertThat(tls.toString()).startsWith("TLS (server authentication only)");
  }

  @Test
  void aMissingDirectoryOrCaIsNamed() throws Exception {
    assertThatThrownBy(() -> TlsConfig.fromDir(tmp.resolve("nope")))
        .hasMessageContaining(tmp.resolve("nope") + " does not exist");
    Path d = copyOf(certs.clientDir());
    Files.delete(d.resolve("ca.crt"));
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(d.resolve("ca.crt") + ": missing");
  }

  @Test
  void aCertificateWithoutItsKeyIsNamed() throws Exception {
    Path d = copyOf(certs.clientDir());
    Files.delete(d.resolve("tls.key"));
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .hasMessageStartingWith(d.resolve("tls.key") + ": missing");
  }

  @Test
  void garbageInsteadOfPemIsNamed() throws Exception {
    Path d = copyOf(certs.clientDir());
    Files.writeString(d.resolve("tls.crt"), "hello");
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .hasMessageStartingWith(d.resolve("tls.crt") + ": no PEM certificate");
    Files.copy(
        certs.clientDir().resolve("tls.crt"),
        d.resolve("tls.crt"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(
        d.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .hasMessageStartingWith(d.resolve("ca.crt") + ": invalid PEM certificate");
  }

  @Test
  void aPkcs1KeyGetsTheConversionHint() throws Exception {
    Path d = copyOf(certs.clientDir());
    Files.writeString(
        d.resolve("tls.key"),
        "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .hasMessageStartingWith(d.resolve("tls.key") + ": no unencrypted PKCS#8 key")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() throws Exception {
    Path d = copyOf(certs.clientDir());
    Files.copy(
        certs.serverDir().resolve("tls.key"),
        d.resolve("tls.key"),
        StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> TlsConfig.fromDir(d))
        .hasMessage(
            d.resolve("tls.key") + ": the key does not belong to the certificate in tls.crt");
  }
}
