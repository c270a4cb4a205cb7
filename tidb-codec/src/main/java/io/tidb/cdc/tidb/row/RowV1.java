package io.tidb.cdc.tidb.row;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.codec.Datum;
import io.tidb.cdc.tidb.codec.DatumCodec;
import io.tidb.cdc.tidb.codec.DatumFlag;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * TiDB's original row format ({@code tablecodec.EncodeOldRow}): for every column its ID as a value
 * datum (varint) followed by its flattened value datum. A row without columns is the single byte
 * {@code NilFlag}.
 */
public final class RowV1 {
  private RowV1() {}

  /** Encodes the cells in the order given, as {@code EncodeOldRow}. */
  public static byte[] encode(Collection<Cell> cells) {
    if (cells.isEmpty()) {
      return new byte[] {DatumFlag.NIL};
    }
    ByteWriter out = new ByteWriter();
    for (Cell c : cells) {
      DatumCodec.writeValue(out, new Datum.Int(c.columnId()));
      DatumCodec.writeValue(out, DatumMapping.toRowV1Datum(c.value()));
    }
    return out.toByteArray();
  }

  /** Decodes the requested columns ({@code DecodeRowWithMap} followed by {@code Unflatten}). */
  public static DecodedRow decode(byte[] value, Collection<ColumnSpec> columns) {
    Map<Long, ColumnSpec> wanted = new HashMap<>();
    for (ColumnSpec c : columns) {
      wanted.put(c.id(), c);
    }
    Map<Long, ColumnValue> out = new LinkedHashMap<>();
    if (value.length == 0 || (value.length == 1 && value[0] == DatumFlag.NIL)) {
      return new DecodedRow(RowFormat.V1, out);
    }
    ByteReader in = new ByteReader(value);
    while (in.hasRemaining()) {
      int at = in.position();
      Datum id = DatumCodec.readOne(in);
      if (!(id instanceof Datum.Int colId)) {
        throw new CodecException("row v1 column ID at offset " + at + " is " + id + ", not an int");
      }
      if (!in.hasRemaining()) {
        throw new CodecException("row v1 column " + colId.value() + " has no value");
      }
      ColumnSpec spec = wanted.get(colId.value());
      if (spec == null) {
        DatumCodec.cutOne(in);
        continue;
      }
      Datum datum = DatumCodec.readOne(in);
      try {
        out.put(spec.id(), DatumMapping.fromDatum(datum, spec.type()));
      } catch (CodecException e) {
        throw new CodecException("row v1 column " + spec.id() + ": " + e.getMessage(), e);
      }
    }
    return new DecodedRow(RowFormat.V1, out);
  }
}
