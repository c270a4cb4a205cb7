package io.tidb.cdc.worker.sink;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Sink URI schemes: TiCDC's list, of which some are built and the rest reserved for later. */
public enum SinkScheme {
  BLACKHOLE("blackhole", true),
  FILE("file", true),
  MYSQL("mysql", false),
  MYSQL_SSL("mysql+ssl", false),
  TIDB("tidb", false),
  TIDB_SSL("tidb+ssl", false),
  KAFKA("kafka", false),
  KAFKA_SSL("kafka+ssl", false),
  PULSAR("pulsar", false),
  PULSAR_SSL("pulsar+ssl", false),
  PULSAR_HTTP("pulsar+http", false),
  PULSAR_HTTPS("pulsar+https", false),
  S3("s3", false),
  GCS("gcs", false),
  GS("gs", false),
  AZBLOB("azblob", false),
  AZURE("azure", false),
  NOOP("noop", false);

  private final String scheme;
  private final boolean supported;

  SinkScheme(String scheme, boolean supported) {
    this.scheme = scheme;
    this.supported = supported;
  }

  /** As written in URIs, lower case. */
  public String scheme() {
    return scheme;
  }

  public boolean isSupported() {
    return supported;
  }

  /** The scheme named {@code name}, case-insensitive, supported or not. */
  public static Optional<SinkScheme> of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.scheme.equals(n)).findFirst();
  }

  /** The schemes that work now, comma-separated. */
  public static String supportedNames() {
    return names(true);
  }

  /** The schemes reserved for later, comma-separated. */
  public static String laterNames() {
    return names(false);
  }

  private static String names(boolean supported) {
    return Arrays.stream(values())
        .filter(s -> s.supported == supported)
        .map(SinkScheme::scheme)
        .collect(Collectors.joining(", "));
  }
}
