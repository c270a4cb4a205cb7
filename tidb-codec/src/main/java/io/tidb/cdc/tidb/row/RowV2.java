package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TiDB's row format v2 ({@code util/rowcodec}):
 *
 * <pre>
 * 128 | flags | u16 notNullCount | u16 nullCount | colIDs (not-null sorted, then null sorted)
 *     | offsets (end of each not-null value) | data | [checksum]
 * </pre>
 *
 * Small rows use 1-byte column IDs and u16 offsets; when a column ID exceeds 255 or the data
 * exceeds 65535 bytes the row is "large" (flag 1): u32 IDs and u32 offsets. All numbers are
 * little-endian. Flag 2 marks a trailing checksum (header byte, u32, optional second u32).
 */
public final class RowV2 {
  /** {@code rowcodec.CodecVer}: the first byte of every v2 row. */
  public static final int CODEC_VERSION = 128;

  static final int FLAG_LARGE = 1;
  static final int FLAG_CHECKSUM = 2;
  private static final int CHECKSUM_EXTRA = 0b1000;
  private static final int CHECKSUM_VERSION_MASK = 0b0111;

  private RowV2() {}

  /** Whether {@code value} is a v2 row (TiDB's {@code IsNewFormat}). */
  public static boolean isRowV2(byte[] value) {
    return value.length > 0 && (value[0] & 0xFF) == CODEC_VERSION;
  }

  /** Encodes a row without checksum, as {@code rowcodec.Encoder.Encode} does. */
  public static byte[] encode(Collection<Cell> cells) {
    List<Cell> notNull = new ArrayList<>();
    List<Cell> nulls = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long maxId = 0;
    for (Cell c : cells) {
      if (!seen.add(c.columnId())) {
        throw new IllegalArgumentException("column " + c.columnId() + " appears twice in the row");
      }
      maxId = Math.max(maxId, c.columnId());
      (c.value() instanceof ColumnValue.Null ? nulls : notNull).add(c);
    }
    if (notNull.size() > 0xFFFF || nulls.size() > 0xFFFF) {
      throw new IllegalArgumentException("row has more than 65535 columns of one kind");
    }
    notNull.sort(Comparator.comparingLong(Cell::columnId));
    nulls.sort(Comparator.comparingLong(Cell::columnId));

    ByteWriter data = new ByteWriter();
    long[] ends = new long[notNull.size()];
    for (int i = 0; i < notNull.size(); i++) {
      RowV2Values.write(data, notNull.get(i).value());
      ends[i] = data.size();
    }
    boolean large = maxId > 255 || data.size() > 0xFFFF;

    ByteWriter out = new ByteWriter(data.size() + 6 + cells.size() * 8);
    out.write(CODEC_VERSION);
    out.write(large ? FLAG_LARGE : 0);
    out.writeShortLittleEndian(notNull.size());
    out.writeShortLittleEndian(nulls.size());
    for (List<Cell> group : List.of(notNull, nulls)) {
      for (Cell c : group) {
        if (large) {
          out.writeIntLittleEndian((int) c.columnId());
        } else {
          out.write((int) c.columnId());
        }
      }
    }
    for (long end : ends) {
      if (large) {
        out.writeIntLittleEndian((int) end);
      } else {
        out.writeShortLittleEndian((int) end);
      }
    }
    out.write(data.toByteArray());
    return out.toByteArray();
  }

  /** Decodes the requested columns of a v2 row. */
  public static DecodedRow decode(byte[] value, Collection<ColumnSpec> columns) {
    Parsed row = parse(value);
    Map<Long, ColumnValue> out = new LinkedHashMap<>();
    for (ColumnSpec col : columns) {
      int idx = row.find(col.id());
      if (idx >= 0) {
        try {
          out.put(col.id(), RowV2Values.read(row.data(idx), col.type()));
        } catch (CodecException e) {
          throw new CodecException("row v2 column " + col.id() + ": " + e.getMessage(), e);
        }
      } else if (row.isNull(col.id())) {
        out.put(col.id(), ColumnValue.Null.INSTANCE);
      }
    }
    return new DecodedRow(RowFormat.V2, out);
  }

  /** The layout of a v2 row: column IDs, value boundaries, data. */
  static Parsed parse(byte[] value) {
    ByteReader in = new ByteReader(value);
    in.require(6, "row v2 header");
    int version = in.readUnsignedByte();
    if (version != CODEC_VERSION) {
      throw new CodecException("not a row v2 value: first byte " + version + ", expected 128");
    }
    int flags = in.readUnsignedByte();
    int notNull = in.readUnsignedShortLittleEndian();
    int nulls = in.readUnsignedShortLittleEndian();
    boolean large = (flags & FLAG_LARGE) != 0;
    int idWidth = large ? 4 : 1;
    int offsetWidth = large ? 4 : 2;
    long[] ids = new long[notNull + nulls];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = in.readLittleEndian(idWidth);
    }
    long[] ends = new long[notNull];
    long previous = 0;
    for (int i = 0; i < notNull; i++) {
      ends[i] = in.readLittleEndian(offsetWidth);
      if (ends[i] < previous) {
        throw new CodecException("row v2 offsets go backwards at column index " + i);
      }
      previous = ends[i];
    }
    if (previous > in.remaining()) {
      throw new CodecException(
          "row v2 data truncated: offsets need "
              + previous
              + " bytes, "
              + in.remaining()
              + " left");
    }
    byte[] data = in.readBytes((int) previous);
    if ((flags & FLAG_CHECKSUM) != 0) {
      int header = in.readUnsignedByte();
      int checksumVersion = header & CHECKSUM_VERSION_MASK;
      if (checksumVersion > 2) {
        throw new CodecException("unknown row v2 checksum version " + checksumVersion);
      }
      in.skip((header & CHECKSUM_EXTRA) != 0 ? 8 : 4);
    }
    if (in.hasRemaining()) {
      throw new CodecException(in.remaining() + " trailing bytes after row v2 value");
    }
    return new Parsed(ids, notNull, ends, data);
  }

  /** A parsed v2 row; IDs of not-null columns come first, each half sorted ascending. */
  record Parsed(long[] ids, int notNullCount, long[] ends, byte[] data) {
    /** Index of a not-null column, or -1. */
    int find(long id) {
      int i = Arrays.binarySearch(ids, 0, notNullCount, id);
      return i >= 0 ? i : -1;
    }

    boolean isNull(long id) {
      return Arrays.binarySearch(ids, notNullCount, ids.length, id) >= 0;
    }

    byte[] data(int index) {
      int start = index == 0 ? 0 : (int) ends[index - 1];
      return Arrays.copyOfRange(data, start, (int) ends[index]);
    }
  }
}
