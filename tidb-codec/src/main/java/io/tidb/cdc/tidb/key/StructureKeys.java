package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.MemComparable;
import io.tidb.cdc.tidb.codec.NumberCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key encoding of TiDB's transactional structures ({@code pkg/structure/type.go}) under a prefix:
 *
 * <ul>
 *   <li>string data: {@code prefix + EncodeBytes(key) + EncodeUint('s')}
 *   <li>hash data: {@code prefix + EncodeBytes(key) + EncodeUint('h') + EncodeBytes(field)}
 *   <li>hash meta (TiDB 5.1 and earlier): {@code prefix + EncodeBytes(key) + EncodeUint('H')}
 *   <li>list meta / data: {@code ... EncodeUint('L')} / {@code ... EncodeUint('l') +
 *       EncodeInt(index)}
 * </ul>
 *
 * TiDB's meta data uses the prefix {@code "m"} ({@link #META}).
 */
public final class StructureKeys {
  /** The structure TiDB's {@code meta} package uses. */
  public static final StructureKeys META = new StructureKeys(new byte[] {'m'});

  private final byte[] prefix;

  public StructureKeys(byte[] prefix) {
    this.prefix = prefix.clone();
  }

  public byte[] prefix() {
    return prefix.clone();
  }

  public byte[] stringDataKey(byte[] key) {
    return head(key, StructureKey.Kind.STRING_DATA).toByteArray();
  }

  public byte[] hashMetaKey(byte[] key) {
    return head(key, StructureKey.Kind.HASH_META).toByteArray();
  }

  public byte[] hashDataKey(byte[] key, byte[] field) {
    ByteWriter w = head(key, StructureKey.Kind.HASH_DATA);
    MemComparable.write(w, field);
    return w.toByteArray();
  }

  /** The prefix shared by every field of hash {@code key}; TiDB scans it to list the hash. */
  public byte[] hashDataPrefix(byte[] key) {
    return head(key, StructureKey.Kind.HASH_DATA).toByteArray();
  }

  /** The span holding every field of hash {@code key} ({@code [prefix, PrefixNext(prefix))}). */
  public KeySpan hashDataSpan(byte[] key) {
    byte[] start = hashDataPrefix(key);
    return new KeySpan(start, prefixNext(start));
  }

  public byte[] listMetaKey(byte[] key) {
    return head(key, StructureKey.Kind.LIST_META).toByteArray();
  }

  public byte[] listDataKey(byte[] key, long index) {
    ByteWriter w = head(key, StructureKey.Kind.LIST_DATA);
    NumberCodec.writeInt(w, index);
    return w.toByteArray();
  }

  /** Decodes any structure key under this prefix. */
  public StructureKey decode(byte[] encoded) {
    if (encoded.length < prefix.length
        || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
      throw new CodecException(
          "key "
              + TableKeys.hex(encoded)
              + " does not start with structure prefix "
              + new String(prefix, StandardCharsets.UTF_8));
    }
    ByteReader in = new ByteReader(encoded, prefix.length);
    byte[] key = MemComparable.read(in);
    long flag = NumberCodec.readUint(in);
    StructureKey.Kind kind = StructureKey.Kind.ofFlag(flag);
    if (kind == null) {
      throw new CodecException(
          "invalid structure type flag " + flag + " in key " + TableKeys.hex(encoded));
    }
    byte[] field = new byte[0];
    long index = 0;
    if (kind == StructureKey.Kind.HASH_DATA) {
      field = MemComparable.read(in);
    } else if (kind == StructureKey.Kind.LIST_DATA) {
      index = NumberCodec.readInt(in);
    }
    if (in.hasRemaining()) {
      throw new CodecException(
          in.remaining() + " trailing bytes after structure key " + TableKeys.hex(encoded));
    }
    return new StructureKey(kind, key, field, index);
  }

  /** TiDB's {@code kv.Key.PrefixNext}: the smallest key greater than every key with this prefix. */
  public static byte[] prefixNext(byte[] key) {
    byte[] next = key.clone();
    for (int i = next.length - 1; i >= 0; i--) {
      next[i]++;
      if (next[i] != 0) {
        return next;
      }
    }
    // All bytes were 0xFF: TiDB appends a zero byte to the original key.
    return Arrays.copyOf(key, key.length + 1);
  }

  private ByteWriter head(byte[] key, StructureKey.Kind kind) {
    ByteWriter w = new ByteWriter(prefix.length + MemComparable.encodedLength(key.length) + 8);
    w.write(prefix);
    MemComparable.write(w, key);
    NumberCodec.writeUint(w, kind.flag());
    return w;
  }
}
