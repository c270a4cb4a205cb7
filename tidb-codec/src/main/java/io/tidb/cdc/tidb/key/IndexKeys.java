package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.codec.DatumCodec;
import io.tidb.cdc.tidb.codec.DatumFlag;
import io.tidb.cdc.tidb.codec.NumberCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Index keys and the simplest index values ({@code tablecodec.GenIndexKey} and the "old encoding"
 * of {@code GenIndexValuePortal}). Key: {@code t{tableID}_i{indexID}} then the indexed values with
 * {@code EncodeKey}; a non-unique key (or a unique one holding a NULL) appends the handle: an int
 * handle as {@code IntHandleFlag + EncodeInt}, a common handle as its encoded columns.
 */
public final class IndexKeys {
  private static final byte[] NON_UNIQUE_VALUE = {'0'};

  /** Index values up to this length use the old encoding ({@code MaxOldEncodeValueLen}). */
  public static final int MAX_OLD_VALUE_LENGTH = 9;

  private IndexKeys() {}

  /**
   * The key of a unique index entry. TiDB treats an entry with any NULL value as not distinct, so
   * then the handle is appended exactly like a non-unique key.
   */
  public static byte[] uniqueKey(
      long tableId, long indexId, List<? extends Datum> values, Handle handle) {
    boolean hasNull = values.stream().anyMatch(d -> d instanceof Datum.Null);
    return hasNull
        ? nonUniqueKey(tableId, indexId, values, handle)
        : seekKey(tableId, indexId, values);
  }

  /** The key of a non-unique index entry: values followed by the handle. */
  public static byte[] nonUniqueKey(
      long tableId, long indexId, List<? extends Datum> values, Handle handle) {
    ByteWriter w = new ByteWriter();
    w.write(seekKey(tableId, indexId, values));
    if (handle instanceof Handle.IntHandle h) {
      w.write(DatumFlag.INT_HANDLE);
      NumberCodec.writeInt(w, h.value());
    } else {
      w.write(handle.encoded());
    }
    return w.toByteArray();
  }

  /** {@code EncodeIndexSeekKey}: prefix plus the encoded values, no handle. */
  public static byte[] seekKey(long tableId, long indexId, List<? extends Datum> values) {
    ByteWriter w = new ByteWriter();
    w.write(TableKeys.indexPrefix(tableId, indexId));
    w.write(DatumCodec.encodeKey(values));
    return w.toByteArray();
  }

  /**
   * Decodes an index key whose index has {@code columnCount} columns; bytes after them are the
   * handle ({@code decodeHandleInIndexKey}: a lone int datum is an int handle, else common).
   */
  public static IndexKey decode(byte[] key, int columnCount) {
    if (!TableKeys.isIndexKey(key)) {
      throw new CodecException("not an index key: " + TableKeys.hex(key));
    }
    long tableId = TableKeys.tableId(key);
    ByteReader in = new ByteReader(key, TableKeys.RECORD_PREFIX_LENGTH);
    long indexId = NumberCodec.readInt(in);
    List<byte[]> values = new ArrayList<>(columnCount);
    for (int i = 0; i < columnCount; i++) {
      if (!in.hasRemaining()) {
        throw new CodecException(
            "index key " + TableKeys.hex(key) + " has fewer than " + columnCount + " columns");
      }
      values.add(DatumCodec.cutOne(in));
    }
    if (!in.hasRemaining()) {
      return new IndexKey(tableId, indexId, values, Optional.empty());
    }
    byte[] suffix = in.readRemaining();
    List<Datum> handleDatums = DatumCodec.decodeAll(suffix);
    Handle handle =
        handleDatums.size() == 1 && handleDatums.get(0) instanceof Datum.Int i
            ? new Handle.IntHandle(i.value())
            : new Handle.CommonHandle(suffix);
    return new IndexKey(tableId, indexId, values, Optional.of(handle));
  }

  /** The value TiDB writes for a non-unique entry of an int-handle table: the single byte '0'. */
  public static byte[] nonUniqueValue() {
    return NON_UNIQUE_VALUE.clone();
  }

  /** The value of a unique entry of an int-handle table: the handle, 8 bytes big-endian. */
  public static byte[] uniqueIntHandleValue(long handle) {
    return new ByteWriter(8).writeLongBigEndian(handle).toByteArray();
  }

  /**
   * Reads the int handle from an old-encoding unique index value ({@code
   * DecodeIntHandleInIndexValue}).
   */
  public static long intHandleFromValue(byte[] value) {
    if (value.length < 8 || value.length > MAX_OLD_VALUE_LENGTH) {
      throw new CodecException(
          "index value of " + value.length + " bytes does not hold an old-encoding int handle");
    }
    return new ByteReader(value, 0, 8).readLongBigEndian();
  }
}
