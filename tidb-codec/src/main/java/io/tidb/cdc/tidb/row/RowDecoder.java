package io.tidb.cdc.tidb.row;

import java.util.Collection;

/**
 * Decodes a record value in whichever format TiDB wrote it. A table can hold rows of both formats
 * (the format follows {@code tidb_row_format_version} at write time). Old values of updates and
 * deletes are row values too and decode the same way.
 */
public final class RowDecoder {
  private RowDecoder() {}

  public static RowFormat formatOf(byte[] value) {
    return RowV2.isRowV2(value) ? RowFormat.V2 : RowFormat.V1;
  }

  public static DecodedRow decode(byte[] value, Collection<ColumnSpec> columns) {
    return RowV2.isRowV2(value) ? RowV2.decode(value, columns) : RowV1.decode(value, columns);
  }
}
