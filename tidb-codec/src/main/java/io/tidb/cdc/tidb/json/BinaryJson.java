package io.tidb.cdc.tidb.json;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A JSON value in TiDB's binary form: a type code and the bytes that follow it. This is what rows
 * store for JSON columns (type code byte, then {@link #value()}). Use {@link BinaryJsonCodec} to
 * build one from a {@link JsonValue} or to read it back.
 */
public record BinaryJson(int typeCode, byte[] value) {
  public BinaryJson {
    if (typeCode < 0 || typeCode > 0xFF) {
      throw new IllegalArgumentException("JSON type code " + typeCode + " is not a byte");
    }
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  /** Type code followed by the value, as stored in a row. */
  public byte[] toBytes() {
    byte[] out = new byte[value.length + 1];
    out[0] = (byte) typeCode;
    System.arraycopy(value, 0, out, 1, value.length);
    return out;
  }

  /** The inverse of {@link #toBytes()}. */
  public static BinaryJson fromBytes(byte[] stored) {
    if (stored.length == 0) {
      throw new IllegalArgumentException("empty binary JSON");
    }
    return new BinaryJson(stored[0] & 0xFF, Arrays.copyOfRange(stored, 1, stored.length));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryJson j && j.typeCode == typeCode && Arrays.equals(j.value, value);
  }

  @Override
  public int hashCode() {
    return 31 * typeCode + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "BinaryJson[" + typeCode + ", " + HexFormat.of().formatHex(value) + "]";
  }
}
