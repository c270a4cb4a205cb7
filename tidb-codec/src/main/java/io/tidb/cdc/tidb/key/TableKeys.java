package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.NumberCodec;
import java.util.HexFormat;

/**
 * TiDB's table key layout ({@code tablecodec}): {@code t{tableID}} prefixes every key of a table,
 * record keys continue with {@code _r{handle}}, index keys with {@code _i{indexID}{values}}. IDs
 * are written with {@code EncodeInt}. All keys here are raw (as TiDB writes them); see {@link
 * KeySpan#toComparable()} for the form of TiKV region boundaries.
 */
public final class TableKeys {
  public static final byte TABLE_PREFIX = 't';
  static final byte SEP = '_';
  static final byte RECORD_MARK = 'r';
  static final byte INDEX_MARK = 'i';

  /** Length of {@code t{tableID}}. */
  public static final int TABLE_PREFIX_LENGTH = 9;

  /** Length of {@code t{tableID}_r} and of {@code t{tableID}_i}. */
  public static final int RECORD_PREFIX_LENGTH = 11;

  /** Length of a record key with an int handle. */
  public static final int INT_RECORD_KEY_LENGTH = 19;

  private TableKeys() {}

  /** {@code t{tableID}}. */
  public static byte[] tablePrefix(long tableId) {
    ByteWriter w = new ByteWriter(TABLE_PREFIX_LENGTH);
    w.write(TABLE_PREFIX);
    NumberCodec.writeInt(w, tableId);
    return w.toByteArray();
  }

  /** {@code t{tableID}_r}. */
  public static byte[] recordPrefix(long tableId) {
    return prefix(tableId, RECORD_MARK).toByteArray();
  }

  /** {@code t{tableID}_i}. */
  public static byte[] indexSectionPrefix(long tableId) {
    return prefix(tableId, INDEX_MARK).toByteArray();
  }

  /** {@code t{tableID}_i{indexID}}. */
  public static byte[] indexPrefix(long tableId, long indexId) {
    ByteWriter w = prefix(tableId, INDEX_MARK);
    NumberCodec.writeInt(w, indexId);
    return w.toByteArray();
  }

  /** {@code t{tableID}_r{handle}}. */
  public static byte[] recordKey(long tableId, Handle handle) {
    ByteWriter w = prefix(tableId, RECORD_MARK);
    w.write(handle.encoded());
    return w.toByteArray();
  }

  /** {@code t{tableID}_r{handle}} for an int handle. */
  public static byte[] recordKey(long tableId, long intHandle) {
    return recordKey(tableId, new Handle.IntHandle(intHandle));
  }

  /**
   * Whether {@code key} is a record key: {@code t}, 8 bytes, {@code _r}, at least one more byte.
   */
  public static boolean isRecordKey(byte[] key) {
    return hasMark(key, RECORD_MARK) && key.length > RECORD_PREFIX_LENGTH;
  }

  /** Whether {@code key} is an index key: {@code t}, 8 bytes, {@code _i}, an index ID. */
  public static boolean isIndexKey(byte[] key) {
    return hasMark(key, INDEX_MARK) && key.length >= RECORD_PREFIX_LENGTH + 8;
  }

  /** The table ID of any table key ({@code t} + 8 bytes + anything). */
  public static long tableId(byte[] key) {
    if (key.length < TABLE_PREFIX_LENGTH || key[0] != TABLE_PREFIX) {
      throw new CodecException("not a table key: " + hex(key));
    }
    return NumberCodec.readInt(new ByteReader(key, 1, 8));
  }

  /**
   * {@code DecodeRecordKey}: a suffix of exactly 8 bytes is an int handle, anything else common.
   */
  public static RecordKey decodeRecordKey(byte[] key) {
    if (!isRecordKey(key)) {
      throw new CodecException("not a record key: " + hex(key));
    }
    long tableId = tableId(key);
    int handleLength = key.length - RECORD_PREFIX_LENGTH;
    ByteReader in = new ByteReader(key, RECORD_PREFIX_LENGTH, handleLength);
    if (handleLength == 8) {
      return new RecordKey(tableId, new Handle.IntHandle(NumberCodec.readInt(in)));
    }
    Handle.CommonHandle handle = new Handle.CommonHandle(in.readRemaining());
    try {
      handle.encodedColumns();
    } catch (CodecException e) {
      throw new CodecException("invalid common handle in record key " + hex(key), e);
    }
    return new RecordKey(tableId, handle);
  }

  /** All keys of a table: {@code [t{id}, t{id+1})}. */
  public static KeySpan tableSpan(long tableId) {
    return new KeySpan(tablePrefix(tableId), tablePrefix(tableId + 1));
  }

  /**
   * The record keys of a table, as TiCDC watches them: {@code [t{id}_r, t{id}_s)}. Index keys
   * ({@code _i}) sort before and are excluded.
   */
  public static KeySpan recordSpan(long tableId) {
    byte[] start = recordPrefix(tableId);
    byte[] end = start.clone();
    end[end.length - 1] = RECORD_MARK + 1;
    return new KeySpan(start, end);
  }

  /** The keys of one index: {@code [t{id}_i{idx}, t{id}_i{idx+1})}. */
  public static KeySpan indexSpan(long tableId, long indexId) {
    return new KeySpan(indexPrefix(tableId, indexId), indexPrefix(tableId, indexId + 1));
  }

  private static ByteWriter prefix(long tableId, byte mark) {
    ByteWriter w = new ByteWriter(INT_RECORD_KEY_LENGTH);
    w.write(TABLE_PREFIX);
    NumberCodec.writeInt(w, tableId);
    w.write(SEP);
    w.write(mark);
    return w;
  }

  private static boolean hasMark(byte[] key, byte mark) {
    return key.length >= RECORD_PREFIX_LENGTH
        && key[0] == TABLE_PREFIX
        && key[TABLE_PREFIX_LENGTH] == SEP
        && key[TABLE_PREFIX_LENGTH + 1] == mark;
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }
}
