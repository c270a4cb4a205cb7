package io.tidb.cdc.worker.encoder;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The message protocols TiCDC knows, by their {@code protocol=} name; only some are built. */
public enum Protocol {
  CANAL_JSON("canal-json", ".json", true),
  OPEN_PROTOCOL("open-protocol", ".json", false),
  CANAL("canal", ".bin", false),
  AVRO("avro", ".avro", false),
  MAXWELL("maxwell", ".json", false),
  CSV("csv", ".csv", false),
  DEBEZIUM("debezium", ".json", false),
  SIMPLE("simple", ".json", false);

  private final String wireName;
  private final String fileExtension;
  private final boolean supported;

  Protocol(String wireName, String fileExtension, boolean supported) {
    this.wireName = wireName;
    this.fileExtension = fileExtension;
    this.supported = supported;
  }

  /** The name in sink URIs and changefeed configs, e.g. {@code canal-json}. */
  public String wireName() {
    return wireName;
  }

  /** The extension TiCDC's storage sink gives data files of this protocol. */
  public String fileExtension() {
    return fileExtension;
  }

  public boolean isSupported() {
    return supported;
  }

  /**
   * The supported protocol named {@code name} (case-insensitive; {@code default} is TiCDC's alias
   * for open-protocol).
   *
   * @throws IllegalArgumentException naming the protocol and listing the supported ones
   */
  public static Protocol parse(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("default")) {
      n = OPEN_PROTOCOL.wireName;
    }
    for (Protocol p : values()) {
      if (p.wireName.equals(n)) {
        if (!p.supported) {
          throw new IllegalArgumentException(
              "protocol '" + name + "' is not supported yet; supported: " + supportedNames());
        }
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + name + "'; supported: " + supportedNames());
  }

  /** The supported protocols' names, comma-separated. */
  public static String supportedNames() {
    return Arrays.stream(values())
        .filter(Protocol::isSupported)
        .map(Protocol::wireName)
        .collect(Collectors.joining(", "));
  }
}
