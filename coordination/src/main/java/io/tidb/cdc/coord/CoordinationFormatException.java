package io.tidb.cdc.coord;

/**
 * A value under a coordination key could not be read. The reader skips the value and reports it; it
 * never acts on half-understood state.
 */
public final class CoordinationFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public CoordinationFormatException(String key, String problem) {
    super("etcd key " + key + " " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
