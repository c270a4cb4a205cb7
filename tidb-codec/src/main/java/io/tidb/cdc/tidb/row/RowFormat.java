package io.tidb.cdc.tidb.row;

/** The row value formats TiDB writes. */
public enum RowFormat {
  /** Datum pairs: column ID then value, both in TiDB's value encoding. */
  V1,
  /** TiDB's new row format (first byte 128). */
  V2
}
