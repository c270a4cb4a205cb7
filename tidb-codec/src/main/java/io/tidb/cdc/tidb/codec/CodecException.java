package io.tidb.cdc.tidb.codec;

/**
 * Thrown when bytes do not follow the TiDB format being decoded, or a value cannot be encoded in
 * it. The message names the format and, where known, the offset.
 */
public class CodecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
