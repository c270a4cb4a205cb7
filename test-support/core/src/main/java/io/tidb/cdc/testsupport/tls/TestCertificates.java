package io.tidb.cdc.testsupport.tls;

import io.tidb.cdc.testsupport.process.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the {@code openssl} CLI: a CA, a server certificate for {@code
 * localhost} / {@code 127.0.0.1}, a client certificate, and a second CA nobody trusts. Each
 * identity is a directory laid out like a Kubernetes TLS Secret mounted as a volume: {@code
 * ca.crt}, {@code tls.crt}, {@code tls.key} (EC P-256, PKCS#8 PEM).
 *
 * @param root where everything was written
 */
public record TestCertificates(Path root) {
  private static final String LEAF_EXTENSIONS =
      "basicConstraints=CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\n"
          + "extendedKeyUsage=serverAuth,clientAuth\n"
          + "subjectAltName=DNS:localhost,IP:127.0.0.1\n";

  /** Generates the CAs and certificates under {@code root} (about half a second). */
  public static TestCertificates generate(Path root) {
    TestCertificates c = new TestCertificates(root);
    c.ca("ca", "ticdc-test-ca");
    c.ca("other-ca", "ticdc-untrusted-ca");
    c.leaf("server", "ca", "localhost");
    c.leaf("client", "ca", "ticdc-client");
    c.leaf("stranger", "other-ca", "ticdc-stranger");
    try {
      Path caOnly = Files.createDirectories(root.resolve("ca-only"));
      Files.copy(c.caCert(), caOnly.resolve("ca.crt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return c;
  }

  /** The trusted CA's certificate. */
  public Path caCert() {
    return root.resolve("ca/ca.crt");
  }

  /** Server identity (localhost, 127.0.0.1) signed by the CA, with the CA as {@code ca.crt}. */
  public Path serverDir() {
    return root.resolve("server");
  }

  /** Client identity signed by the CA, with the CA as {@code ca.crt}. */
  public Path clientDir() {
    return root.resolve("client");
  }

  /** Only {@code ca.crt}: server authentication without a client certificate. */
  public Path caOnlyDir() {
    return root.resolve("ca-only");
  }

  /** An identity from another CA, trusting only that CA: servers of ours refuse it both ways. */
  public Path strangerDir() {
    return root.resolve("stranger");
  }

  private void ca(String name, String commonName) {
    Path dir = mkdir(name);
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
        "-days",
        "3650",
        "-subj",
        "/CN=" + commonName,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
  }

  private void leaf(String name, String caName, String commonName) {
    Path dir = mkdir(name);
    Path ca = root.resolve(caName);
    try {
      Files.writeString(dir.resolve("ext.cnf"), LEAF_EXTENSIONS, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    openssl(
        dir,
        "req",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "tls.key",
        "-out",
        "tls.csr",
        "-subj",
        "/CN=" + commonName);
    openssl(
        dir,
        "x509",
        "-req",
        "-in",
        "tls.csr",
        "-CA",
        ca.resolve("ca.crt").toString(),
        "-CAkey",
        ca.resolve("ca.key").toString(),
        "-set_serial",
        Long.toString(System.nanoTime() & Long.MAX_VALUE),
        "-days",
        "3650",
        "-extfile",
        "ext.cnf",
        "-out",
        "tls.crt");
    try {
      Files.copy(ca.resolve("ca.crt"), dir.resolve("ca.crt"));
      Files.delete(dir.resolve("tls.csr"));
      Files.delete(dir.resolve("ext.cnf"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path mkdir(String name) {
    try {
      return Files.createDirectories(root.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void openssl(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Executables.find("openssl", "openssl").toString());
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }
}
