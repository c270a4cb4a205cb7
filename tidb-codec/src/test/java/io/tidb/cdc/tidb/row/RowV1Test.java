package io.tidb.cdc.tidb.row;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.codec.ByteReader;
import io.tidb.cdc.tidb.codec.DatumCodec;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowV1Test {
  private static final HexFormat HEX = HexFormat.of();

  // Inputs of TiDB pkg/tablecodec/tablecodec_test.go TestCutRow: (1, 100), (2, "abc"),
  // (3, DECIMAL 1). Bytes hand-derived from EncodeOldRow: varint column ID, then the value datum.
  private static final String CUT_ROW =
      "0802" + "08c801" + "0804" + "0206616263" + "0806" + "06010081";

  private static final List<ColumnSpec> CUT_ROW_COLUMNS =
      List.of(
          new ColumnSpec(1, FieldType.of(MysqlType.LONGLONG)),
          new ColumnSpec(2, FieldType.of(MysqlType.VARCHAR)),
          new ColumnSpec(3, FieldType.of(MysqlType.NEWDECIMAL)));

  @Test
  void encodesAndDecodesTheCutRowExample() {
    List<Cell> cells =
        List.of(
            new Cell(1, new ColumnValue.Int(100)),
            new Cell(2, ColumnValue.Bytes.utf8("abc")),
            new Cell(3, ColumnValue.Decimal.of(BigDecimal.ONE)));
    byte[] row = RowV1.encode(cells);
    assertThat(HEX.formatHex(row)).isEqualTo(CUT_ROW);
    DecodedRow d = RowDecoder.decode(row, CUT_ROW_COLUMNS);
    assertThat(d.format()).isEqualTo(RowFormat.V1);
    assertThat(d.values())
        .containsEntry(1L, new ColumnValue.Int(100))
        .containsEntry(2L, ColumnValue.Bytes.utf8("abc"))
        .containsEntry(3L, new ColumnValue.Decimal(BigDecimal.ONE, 1, 0));
  }

  @Test
  void cutValuesMatchTidbEncodeValue() {
    // TiDB TestCutRow checks each cut column equals tablecodec.EncodeValue of the datum.
    ByteReader in = new ByteReader(HEX.parseHex(CUT_ROW));
    String[] values = {"08c801", "0206616263", "06010081"};
    for (String v : values) {
      DatumCodec.cutOne(in);
      assertThat(HEX.formatHex(DatumCodec.cutOne(in))).isEqualTo(v);
    }
  }

  @Test
  void emptyRowIsTheNilFlag() {
    // TiDB TestRowCodec: EncodeOldRow of no columns is one byte; it decodes to no columns.
    assertThat(RowV1.encode(List.of())).containsExactly(0);
    assertThat(RowDecoder.decode(new byte[] {0}, CUT_ROW_COLUMNS).values()).isEmpty();
  }

  @Test
  void flattensEveryTypeLikeTidb() {
    List<Cell> cells =
        List.of(
            new Cell(1, new ColumnValue.Uint(300)),
            new Cell(2, new ColumnValue.Time(MysqlTime.date(2011, 11, 10), MysqlType.DATE, 0)),
            new Cell(3, new ColumnValue.Duration(-1, 6)),
            new Cell(4, new ColumnValue.Enum(2, "n")),
            new Cell(5, new ColumnValue.Float32(1.5f)),
            new Cell(6, ColumnValue.Null.INSTANCE));
    byte[] row = RowV1.encode(cells);
    // Hand-derived: uint -> uvarint (09), date -> uvarint of the packed time, TIME -> varint of
    // nanoseconds, enum -> uvarint index, float -> 05 + EncodeFloat, NULL -> 00.
    assertThat(HEX.formatHex(row))
        .isEqualTo(
            "0802"
                + "09ac02"
                + "0804"
                + "09808080808080a5c519"
                + "0806"
                + "0801"
                + "0808"
                + "0902"
                + "080a"
                + "05bff8000000000000"
                + "080c"
                + "00");
    DecodedRow d =
        RowDecoder.decode(
            row,
            List.of(
                new ColumnSpec(
                    1, FieldType.of(MysqlType.LONGLONG).withAddedFlag(ColumnFlag.UNSIGNED)),
                new ColumnSpec(2, FieldType.of(MysqlType.DATE).withLength(10, 0)),
                new ColumnSpec(3, FieldType.of(MysqlType.DURATION).withLength(17, 6)),
                new ColumnSpec(4, FieldType.of(MysqlType.ENUM).withElems(List.of("y", "n"))),
                new ColumnSpec(5, FieldType.of(MysqlType.FLOAT)),
                new ColumnSpec(6, FieldType.of(MysqlType.VARCHAR))));
    assertThat(d.values()).hasSize(6);
    for (Cell c : cells) {
      assertThat(d.get(c.columnId())).contains(c.value());
    }
  }

  @Test
  void oldAndNewValueOfAnUpdateDecodeAlike() {
    // An update carries two row values (old and new), possibly in different formats.
    List<Cell> oldCells =
        List.of(new Cell(1, new ColumnValue.Int(1)), new Cell(2, ColumnValue.Bytes.utf8("a")));
    List<Cell> newCells =
        List.of(new Cell(1, new ColumnValue.Int(1)), new Cell(2, ColumnValue.Bytes.utf8("b")));
    List<ColumnSpec> cols =
        List.of(
            new ColumnSpec(1, FieldType.of(MysqlType.LONG)),
            new ColumnSpec(2, FieldType.of(MysqlType.VARCHAR)));
    DecodedRow before = RowDecoder.decode(RowV1.encode(oldCells), cols);
    DecodedRow after = RowDecoder.decode(RowV2.encode(newCells), cols);
    assertThat(before.values()).containsEntry(2L, ColumnValue.Bytes.utf8("a"));
    assertThat(after.values()).containsEntry(2L, ColumnValue.Bytes.utf8("b"));
    assertThat(before.get(1)).isEqualTo(after.get(1));
  }
}
