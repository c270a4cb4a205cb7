package io.tidb.cdc.worker.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Client TLS from a directory: {@code ca.crt} (the CA that signed the servers' certificates,
 * required) and optionally {@code tls.crt} + {@code tls.key} (this client's certificate chain and
 * PKCS#8 key, for servers that require client certificates). Every file is parsed when loaded, so a
 * missing, unreadable or invalid file fails with its path before anything connects.
 */
public final class TlsConfig {
  public static final String CA_FILE = "ca.crt";
  public static final String CERT_FILE = "tls.crt";
  public static final String KEY_FILE = "tls.key";

  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";

  /** This client's certificate chain (leaf first) and its key. */
  public record ClientIdentity(List<X509Certificate> chain, PrivateKey key) {
    public ClientIdentity {
      chain = List.copyOf(chain);
    }
  }

  private final Path dir;
  private final List<X509Certificate> trustedCas;
  private final Optional<ClientIdentity> identity;

  private TlsConfig(Path dir, List<X509Certificate> trustedCas, Optional<ClientIdentity> identity) {
    this.dir = dir;
    this.trustedCas = List.copyOf(trustedCas);
    this.identity = identity;
  }

  /**
   * Loads {@code dir/ca.crt} and, when present, {@code dir/tls.crt} with {@code dir/tls.key}.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or invalid
   */
  public static TlsConfig fromDir(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("TLS directory " + dir + " does not exist");
    }
    List<X509Certificate> cas = certificates(dir.resolve(CA_FILE));
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    boolean hasCert = Files.exists(cert);
    boolean hasKey = Files.exists(key);
    if (hasCert != hasKey) {
      throw new IllegalArgumentException(
          (hasCert ? key : cert)
              + ": missing ("
              + CERT_FILE
              + " and "
              + KEY_FILE
              + " go together; with "
              + CA_FILE
              + " alone the client presents no certificate)");
    }
    Optional<ClientIdentity> identity = Optional.empty();
    if (hasCert) {
      List<X509Certificate> chain = certificates(cert);
      PrivateKey k = privateKey(key, chain.get(0));
      identity = Optional.of(new ClientIdentity(chain, k));
    }
    return new TlsConfig(dir, cas, identity);
  }

  /** The directory it was loaded from. */
  public Path dir() {
    return dir;
  }

  /** The CAs a server's certificate must chain to. */
  public List<X509Certificate> trustedCas() {
    return trustedCas;
  }

  /** This client's certificate and key; empty: no client certificate (server-auth only). */
  public Optional<ClientIdentity> identity() {
    return identity;
  }

  @Override
  public String toString() {
    return (identity.isPresent() ? "mutual TLS" : "TLS (server authentication only)")
        + " from "
        + dir;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": missing", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e, e);
    }
  }

  private static List<X509Certificate> certificates(Path file) {
    byte[] pem = read(file);
    if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
      throw new IllegalArgumentException(
          file + ": no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)");
    }
    try {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem));
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(file + ": no certificate in it");
      }
      return certs.stream().map(X509Certificate.class::cast).toList();
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + ": invalid PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(Path file, X509Certificate leaf) {
    String pem = new String(read(file), StandardCharsets.US_ASCII);
    int begin = pem.indexOf(KEY_BEGIN);
    int end = pem.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      String hint =
          pem.contains("-----BEGIN RSA PRIVATE KEY-----")
                  || pem.contains("-----BEGIN EC PRIVATE KEY-----")
              ? " (this is a PKCS#1/SEC1 key: convert it with 'openssl pkcs8 -topk8 -nocrypt', or"
                  + " set privateKey.encoding: PKCS8 in cert-manager)"
              : pem.contains("ENCRYPTED PRIVATE KEY") ? " (encrypted keys are not supported)" : "";
      throw new IllegalArgumentException(
          file + ": no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----) in it" + hint);
    }
    PrivateKey key;
    String algorithm = leaf.getPublicKey().getAlgorithm();
    try {
      byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + KEY_BEGIN.length(), end));
      key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          file + ": invalid " + algorithm + " private key: " + e.getMessage(), e);
    }
    if (!belongsTo(key, leaf)) {
      throw new IllegalArgumentException(
          file + ": the key does not belong to the certificate in " + CERT_FILE);
    }
    return key;
  }

  /** Signs a probe with the key and verifies it with the certificate's public key. */
  private static boolean belongsTo(PrivateKey key, X509Certificate leaf) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return true; // an algorithm we cannot probe: the TLS handshake will tell
    }
    try {
      byte[] probe = "ticdc-tls-key-check".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
