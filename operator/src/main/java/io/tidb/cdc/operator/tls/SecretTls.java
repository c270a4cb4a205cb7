package io.tidb.cdc.operator.tls;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Client TLS from a Secret of the cluster's namespace with keys {@code ca.crt} (required) and
 * {@code tls.crt} + {@code tls.key} (PKCS#8 PEM; both or neither: without them the operator
 * presents no client certificate).
 *
 * @param secret {@code namespace/name}, for messages
 * @param fingerprint SHA-256 over the three values: a rotated Secret gets a new client
 */
public record SecretTls(String secret, String fingerprint, SslContext sslContext) {
  public static final String CA = "ca.crt";
  public static final String CERT = "tls.crt";
  public static final String KEY = "tls.key";

  /** Reads what the operator needs; lets the tests serve Secrets without an API server. */
  @FunctionalInterface
  public interface Source {
    /**
     * @throws TlsSecretException naming the Secret when it is missing or unusable
     */
    SecretTls read(String namespace, String name) throws TlsSecretException;
  }

  /** A source that GETs the Secret (the operator's RBAC allows {@code get} on secrets only). */
  public static Source from(KubernetesClient client) {
    return (ns, name) -> {
      String secret = ns + "/" + name;
      Secret s;
      try {
        s = client.secrets().inNamespace(ns).withName(name).get();
      } catch (RuntimeException e) {
        throw new TlsSecretException(
            secret, "TLS Secret " + secret + ": cannot be read: " + e.getMessage(), e);
      }
      if (s == null) {
        throw new TlsSecretException(secret, "TLS Secret " + secret + " not found");
      }
      return of(secret, values(s));
    };
  }

  /** Secret data (base64) and stringData merged, as the API server would store them. */
  static Map<String, byte[]> values(Secret s) {
    Map<String, byte[]> out = new HashMap<>();
    if (s.getData() != null) {
      s.getData().forEach((k, v) -> out.put(k, Base64.getMimeDecoder().decode(v)));
    }
    if (s.getStringData() != null) {
      s.getStringData().forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /**
   * @throws TlsSecretException naming the Secret and key that is missing or invalid
   */
  public static SecretTls of(String secret, Map<String, byte[]> values) throws TlsSecretException {
    byte[] ca = values.get(CA);
    if (ca == null) {
      throw new TlsSecretException(secret, "TLS Secret " + secret + " has no " + CA);
    }
    Optional<byte[]> cert = Optional.ofNullable(values.get(CERT));
    Optional<byte[]> key = Optional.ofNullable(values.get(KEY));
    if (cert.isPresent() != key.isPresent()) {
      throw new TlsSecretException(
          secret,
          "TLS Secret "
              + secret
              + " has "
              + (cert.isPresent() ? CERT : KEY)
              + " but no "
              + (cert.isPresent() ? KEY : CERT));
    }
    SslContextBuilder b;
    try {
      b = GrpcSslContexts.forClient().trustManager(new ByteArrayInputStream(ca));
    } catch (RuntimeException e) {
      throw new TlsSecretException(
          secret,
          "TLS Secret " + secret + ": " + CA + " is not a PEM certificate: " + e.getMessage(),
          e);
    }
    if (cert.isPresent()) {
      try {
        b.keyManager(new ByteArrayInputStream(cert.get()), new ByteArrayInputStream(key.get()));
      } catch (RuntimeException e) {
        throw new TlsSecretException(
            secret,
            "TLS Secret "
                + secret
                + ": "
                + CERT
                + "/"
                + KEY
                + " are not a PEM certificate and PKCS#8 key: "
                + e.getMessage(),
            e);
      }
    }
    try {
      return new SecretTls(secret, fingerprint(ca, cert, key), b.build());
    } catch (Exception e) {
      throw new TlsSecretException(
          secret, "TLS Secret " + secret + ": unusable: " + e.getMessage(), e);
    }
  }

  private static String fingerprint(byte[] ca, Optional<byte[]> cert, Optional<byte[]> key) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(ca);
      cert.ifPresent(d::update);
      key.ifPresent(d::update);
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
