package io.tidb.cdc.tidb.row;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.json.BinaryJson;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole-row vectors from TiKV components/tidb_query_datatype/src/codec/row/v2/encoder_for_test.rs
 * (TiKV's test encoder mirrors TiDB's rowcodec.Encoder).
 */
class RowV2VectorTest {

  static byte[] b(int... v) {
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  static FieldType signed(int tp) {
    return FieldType.of(tp);
  }

  static FieldType unsigned(int tp) {
    return FieldType.of(tp).withAddedFlag(ColumnFlag.UNSIGNED);
  }

  // {"key":"value"} in binary JSON, as embedded in TiKV's test_encode vector.
  static final BinaryJson KEY_VALUE_JSON =
      BinaryJson.fromBytes(
          b(
              1, 1, 0, 0, 0, 28, 0, 0, 0, 19, 0, 0, 0, 3, 0, 12, 22, 0, 0, 0, 107, 101, 121, 5, 118,
              97, 108, 117, 101));

  // TiKV encoder_for_test.rs, test_encode.
  static final byte[] TEST_ENCODE =
      b(
          128, 0, 11, 0, 1, 0, 1, 3, 6, 7, 8, 9, 12, 13, 14, 15, 16, 33, 2, 0, 3, 0, 11, 0, 14, 0,
          16, 0, 24, 0, 25, 0, 33, 0, 36, 0, 65, 0, 69, 0, 232, 3, 3, 64, 3, 51, 51, 51, 51, 51, 50,
          97, 98, 99, 255, 127, 191, 252, 204, 204, 204, 204, 204, 205, 2, 0, 0, 0, 135, 51, 230,
          158, 25, 1, 0, 129, 1, 1, 0, 0, 0, 28, 0, 0, 0, 19, 0, 0, 0, 3, 0, 12, 22, 0, 0, 0, 107,
          101, 121, 5, 118, 97, 108, 117, 101, 0, 202, 154, 59);

  static final List<Cell> TEST_ENCODE_CELLS =
      List.of(
          new Cell(1, new ColumnValue.Int(1000)),
          new Cell(12, new ColumnValue.Int(2)),
          new Cell(33, ColumnValue.Null.INSTANCE),
          new Cell(3, new ColumnValue.Uint(3)),
          new Cell(8, new ColumnValue.Int(32767)),
          new Cell(7, ColumnValue.Bytes.utf8("abc")),
          new Cell(9, new ColumnValue.Float64(1.8)),
          new Cell(6, new ColumnValue.Float64(-1.8)),
          new Cell(
              13,
              new ColumnValue.Time(new MysqlTime(2018, 1, 19, 3, 14, 7, 0), MysqlType.DATETIME, 0)),
          new Cell(14, ColumnValue.Decimal.of(BigDecimal.ONE)),
          new Cell(15, new ColumnValue.Json(KEY_VALUE_JSON)),
          new Cell(16, new ColumnValue.Duration(1_000_000_000L, 0)));

  @Test
  void encodesTikvTestEncodeVector() {
    assertThat(RowV2.encode(TEST_ENCODE_CELLS)).isEqualTo(TEST_ENCODE);
  }

  @Test
  void decodesTikvTestEncodeVector() {
    List<ColumnSpec> columns =
        List.of(
            new ColumnSpec(1, signed(MysqlType.LONGLONG)),
            new ColumnSpec(12, signed(MysqlType.LONGLONG)),
            new ColumnSpec(33, signed(MysqlType.LONGLONG)),
            new ColumnSpec(3, unsigned(MysqlType.LONGLONG)),
            new ColumnSpec(8, signed(MysqlType.LONGLONG)),
            new ColumnSpec(7, FieldType.of(MysqlType.VARCHAR)),
            new ColumnSpec(9, signed(MysqlType.DOUBLE)),
            new ColumnSpec(6, signed(MysqlType.DOUBLE)),
            new ColumnSpec(13, signed(MysqlType.DATETIME).withLength(19, 0)),
            new ColumnSpec(14, signed(MysqlType.NEWDECIMAL)),
            new ColumnSpec(15, signed(MysqlType.JSON)),
            new ColumnSpec(16, signed(MysqlType.DURATION).withLength(10, 0)),
            new ColumnSpec(99, signed(MysqlType.LONGLONG)));
    DecodedRow row = RowDecoder.decode(TEST_ENCODE, columns);
    assertThat(row.format()).isEqualTo(RowFormat.V2);
    for (Cell c : TEST_ENCODE_CELLS) {
      ColumnValue expected =
          c.columnId() == 14 ? new ColumnValue.Decimal(BigDecimal.ONE, 1, 0) : c.value();
      assertThat(row.get(c.columnId())).as("column %d", c.columnId()).contains(expected);
    }
    assertThat(row.contains(99)).isFalse();
  }

  @Test
  void encodesTikvUnsignedVector() {
    // TiKV encoder_for_test.rs, test_encode_unsigned.
    byte[] expected =
        b(128, 0, 2, 0, 0, 0, 1, 2, 8, 0, 9, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255);
    List<Cell> cells =
        List.of(new Cell(1, new ColumnValue.Uint(-1L)), new Cell(2, new ColumnValue.Int(-1)));
    assertThat(RowV2.encode(cells)).isEqualTo(expected);
    DecodedRow row =
        RowDecoder.decode(
            expected,
            List.of(
                new ColumnSpec(1, unsigned(MysqlType.LONGLONG)),
                new ColumnSpec(2, signed(MysqlType.LONGLONG))));
    assertThat(row.values())
        .containsEntry(1L, new ColumnValue.Uint(-1L))
        .containsEntry(2L, new ColumnValue.Int(-1));
  }

  @Test
  void encodesTikvLargeColumnIdVector() {
    // TiKV encoder_for_test.rs, test_encode_big: column 335 forces 4-byte IDs and offsets.
    byte[] expected =
        b(
            128, 1, 4, 0, 1, 0, 1, 0, 0, 0, 3, 0, 0, 0, 8, 0, 0, 0, 12, 0, 0, 0, 79, 1, 0, 0, 2, 0,
            0, 0, 3, 0, 0, 0, 5, 0, 0, 0, 6, 0, 0, 0, 232, 3, 3, 255, 127, 2);
    List<Cell> cells =
        List.of(
            new Cell(1, new ColumnValue.Int(1000)),
            new Cell(12, new ColumnValue.Int(2)),
            new Cell(335, ColumnValue.Null.INSTANCE),
            new Cell(3, new ColumnValue.Int(3)),
            new Cell(8, new ColumnValue.Int(32767)));
    assertThat(RowV2.encode(cells)).isEqualTo(expected);
    DecodedRow row =
        RowDecoder.decode(
            expected,
            List.of(
                new ColumnSpec(335, signed(MysqlType.LONG)),
                new ColumnSpec(8, signed(MysqlType.SHORT))));
    assertThat(row.values())
        .containsEntry(335L, ColumnValue.Null.INSTANCE)
        .containsEntry(8L, new ColumnValue.Int(32767));
  }
}
