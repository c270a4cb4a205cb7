package io.tidb.cdc.tidb.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A decoded key of TiDB's transactional structure layer ({@code pkg/structure}): a kind, the
 * structure's name ({@code key}), and for hashes the field, for lists the index.
 */
public record StructureKey(Kind kind, byte[] key, byte[] field, long index) {

  /** The type flag after the name, written with {@code EncodeUint}. */
  public enum Kind {
    STRING_META('S'),
    STRING_DATA('s'),
    HASH_META('H'),
    HASH_DATA('h'),
    LIST_META('L'),
    LIST_DATA('l');

    private final char flag;

    Kind(char flag) {
      this.flag = flag;
    }

    public char flag() {
      return flag;
    }

    static Kind ofFlag(long flag) {
      for (Kind k : values()) {
        if (k.flag == flag) {
          return k;
        }
      }
      return null;
    }
  }

  public StructureKey {
    key = key.clone();
    field = field.clone();
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public byte[] field() {
    return field.clone();
  }

  public String keyString() {
    return new String(key, StandardCharsets.UTF_8);
  }

  public String fieldString() {
    return new String(field, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructureKey s
        && s.kind == kind
        && s.index == index
        && Arrays.equals(s.key, key)
        && Arrays.equals(s.field, field);
  }

  @Override
  public int hashCode() {
    return (kind.hashCode() * 31 + Arrays.hashCode(key)) * 31 + Arrays.hashCode(field);
  }

  @Override
  public String toString() {
    return "StructureKey["
        + kind
        + " "
        + keyString()
        + (field.length > 0 ? " field=" + HexFormat.of().formatHex(field) : "")
        + (kind == Kind.LIST_DATA ? " index=" + index : "")
        + "]";
  }
}
