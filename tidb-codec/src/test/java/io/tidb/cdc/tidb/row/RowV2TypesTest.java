package io.tidb.cdc.tidb.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.json.BinaryJson;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One row v2 per column type: column ID 1, one not-null value. The expected bytes are written out:
 * header {@code 80 00 0100 0000 01 <u16 end offset>} then the value. Value bytes are hand-derived
 * from TiDB's rowcodec.encodeValueDatum unless a comment names an upstream source.
 */
class RowV2TypesTest {
  private static final HexFormat HEX = HexFormat.of();

  private static void check(FieldType type, ColumnValue value, String valueHex) {
    int n = valueHex.length() / 2;
    String expected =
        "80"
            + "00"
            + "0100"
            + "0000"
            + "01"
            + HEX.toHexDigits((byte) n)
            + HEX.toHexDigits((byte) (n >> 8))
            + valueHex;
    byte[] row = RowV2.encode(List.of(new Cell(1, value)));
    assertThat(HEX.formatHex(row)).as("%s", value).isEqualTo(expected);
    DecodedRow decoded = RowDecoder.decode(row, List.of(new ColumnSpec(1, type)));
    assertThat(decoded.get(1)).as("decode %s", value).contains(value);
  }

  private static FieldType t(int tp) {
    return FieldType.of(tp);
  }

  @Test
  void signedIntegersUseTheFewestBytes() {
    check(t(MysqlType.TINY), new ColumnValue.Int(-1), "ff");
    check(t(MysqlType.SHORT), new ColumnValue.Int(300), "2c01");
    check(t(MysqlType.INT24), new ColumnValue.Int(-8388608), "000080ff");
    check(t(MysqlType.LONG), new ColumnValue.Int(70000), "70110100");
    check(t(MysqlType.LONGLONG), new ColumnValue.Int(1L << 40), "0000000000010000");
    check(t(MysqlType.LONGLONG), new ColumnValue.Int(Long.MIN_VALUE), "0000000000000080");
  }

  @Test
  void unsignedIntegersUseTheFewestBytes() {
    FieldType u = t(MysqlType.LONGLONG).withAddedFlag(ColumnFlag.UNSIGNED);
    check(u, new ColumnValue.Uint(255), "ff");
    check(u, new ColumnValue.Uint(256), "0001");
    check(u, new ColumnValue.Uint(0xFFFF_FFFFL), "ffffffff");
    check(t(MysqlType.TINY).withAddedFlag(ColumnFlag.UNSIGNED), new ColumnValue.Uint(200), "c8");
  }

  @Test
  void floatAndDouble() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec uses FLOAT 6 and DOUBLE 2; EncodeFloat of the
    // widened double.
    check(t(MysqlType.FLOAT), new ColumnValue.Float32(6f), "c018000000000000");
    check(t(MysqlType.DOUBLE), new ColumnValue.Float64(2), "c000000000000000");
  }

  @Test
  void decimalCarriesPrecisionAndFrac() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec: DECIMAL "11.9900" with length 6, frac 4.
    check(
        t(MysqlType.NEWDECIMAL).withLength(6, 4),
        new ColumnValue.Decimal(new BigDecimal("11.9900"), 6, 4),
        "0604" + "8b26ac");
    check(
        t(MysqlType.NEWDECIMAL).withLength(4, 2),
        new ColumnValue.Decimal(new BigDecimal("-10.55"), 4, 2),
        "0402" + "75c8");
  }

  @Test
  void stringsAreRawBytesForEveryCollation() {
    FieldType utf8 = t(MysqlType.VARCHAR).withCharset("utf8mb4", "utf8mb4_general_ci");
    check(utf8, ColumnValue.Bytes.utf8("abc"), "616263");
    check(utf8, ColumnValue.Bytes.utf8("测"), "e6b58b");
    check(t(MysqlType.STRING), new ColumnValue.Bytes(new byte[] {0, (byte) 0xff}), "00ff");
    check(t(MysqlType.BLOB), ColumnValue.Bytes.utf8("blob"), "626c6f62");
    check(t(MysqlType.VAR_STRING), ColumnValue.Bytes.utf8(""), "");
  }

  @Test
  void timesArePackedUints() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec: TIMESTAMP(6) "2011-11-10 11:11:11.999999"
    // decodes to the uint 1840446893366133311 (0x198a94b2cb0f423f).
    MysqlTime t = new MysqlTime(2011, 11, 10, 11, 11, 11, 999_999);
    assertThat(t.toPackedUint()).isEqualTo(1840446893366133311L);
    check(
        t(MysqlType.TIMESTAMP).withLength(26, 6),
        new ColumnValue.Time(t, MysqlType.TIMESTAMP, 6),
        "3f420fcbb2948a19");
    check(
        t(MysqlType.DATETIME).withLength(26, 6),
        new ColumnValue.Time(t, MysqlType.DATETIME, 6),
        "3f420fcbb2948a19");
    check(
        t(MysqlType.DATE).withLength(10, 0),
        new ColumnValue.Time(MysqlTime.date(2011, 11, 10), MysqlType.DATE, 0),
        "0000000000948a19");
    check(
        t(MysqlType.DATETIME).withLength(19, 0),
        new ColumnValue.Time(MysqlTime.ZERO, MysqlType.DATETIME, 0),
        "00");
  }

  @Test
  void timeIsSignedNanoseconds() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec: TIME "4:00:00" is 14400000000000 ns.
    check(
        t(MysqlType.DURATION).withLength(10, 0),
        new ColumnValue.Duration(14_400_000_000_000L, 0),
        "0080e2c2180d0000");
    check(
        t(MysqlType.DURATION).withLength(10, 0),
        new ColumnValue.Duration(-3_600_000_000_000L, 0),
        "006047cfb9fcffff");
  }

  @Test
  void yearIsASignedInt() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec: YEAR 1999.
    check(t(MysqlType.YEAR), new ColumnValue.Int(1999), "cf07");
  }

  @Test
  void enumSetAndBitAreUints() {
    // TiDB rowcodec_test.go TestTypesNewRowCodec: ENUM('y','n') 'n' -> 2, SET('n1','n2') 'n1'
    // -> 1, BIT(24) 3223600.
    check(t(MysqlType.ENUM).withElems(List.of("y", "n")), new ColumnValue.Enum(2, "n"), "02");
    check(t(MysqlType.SET).withElems(List.of("n1", "n2")), new ColumnValue.Set(1, "n1"), "01");
    check(t(MysqlType.SET).withElems(List.of("a", "b", "c")), new ColumnValue.Set(5, "a,c"), "05");
    check(t(MysqlType.BIT).withLength(24, 0), new ColumnValue.Bit(3223600, 3), "30303100");
  }

  @Test
  void jsonIsTypeCodeAndValue() {
    // {"a":2}: object, 1 member, size 28, key at 19, int64 value at 20 (hand-derived from
    // json_binary.go appendBinaryObject).
    String hex =
        "01"
            + "01000000"
            + "1c000000"
            + "13000000"
            + "0100"
            + "09"
            + "14000000"
            + "61"
            + "0200000000000000";
    check(t(MysqlType.JSON), new ColumnValue.Json(BinaryJson.fromBytes(HEX.parseHex(hex))), hex);
  }

  @Test
  void nullsAreListedAfterNotNullColumns() {
    byte[] row =
        RowV2.encode(
            List.of(
                new Cell(3, ColumnValue.Null.INSTANCE),
                new Cell(2, new ColumnValue.Int(5)),
                new Cell(1, ColumnValue.Null.INSTANCE)));
    // Hand-derived: one not-null (ID 2), two nulls (IDs 1, 3), one offset (1), data 05.
    assertThat(HEX.formatHex(row))
        .isEqualTo("80" + "00" + "0100" + "0200" + "02" + "0103" + "0100" + "05");
    DecodedRow d =
        RowDecoder.decode(
            row,
            List.of(new ColumnSpec(1, t(MysqlType.LONG)), new ColumnSpec(3, t(MysqlType.VARCHAR))));
    assertThat(d.values())
        .containsEntry(1L, ColumnValue.Null.INSTANCE)
        .containsEntry(3L, ColumnValue.Null.INSTANCE)
        .hasSize(2);
  }

  @Test
  void dataLongerThan65535MakesTheRowLarge() {
    // TiDB rowcodec encodeRowCols: data over MaxUint16 switches to 4-byte IDs and offsets.
    byte[] big = new byte[70_000];
    byte[] row = RowV2.encode(List.of(new Cell(1, new ColumnValue.Bytes(big))));
    assertThat(row[1]).isEqualTo((byte) 1);
    assertThat(HEX.formatHex(row, 0, 14))
        .isEqualTo("80" + "01" + "0100" + "0000" + "01000000" + "70110100");
    assertThat(RowDecoder.decode(row, List.of(new ColumnSpec(1, t(MysqlType.BLOB)))).get(1))
        .contains(new ColumnValue.Bytes(big));
  }

  @Test
  void checksumTrailerIsAcceptedAndIgnored() {
    // TiDB row.go: flag 0x02 adds a header byte (version 1) and a little-endian CRC32.
    byte[] plain = RowV2.encode(List.of(new Cell(1, new ColumnValue.Int(7))));
    byte[] withChecksum = new byte[plain.length + 5];
    System.arraycopy(plain, 0, withChecksum, 0, plain.length);
    withChecksum[1] = 2;
    withChecksum[plain.length] = 1;
    assertThat(
            RowDecoder.decode(withChecksum, List.of(new ColumnSpec(1, t(MysqlType.LONG)))).get(1))
        .contains(new ColumnValue.Int(7));
  }

  @Test
  void malformedRowsFailWithAClearMessage() {
    assertThatThrownBy(() -> RowDecoder.decode(HEX.parseHex("8000010000000105"), List.of()))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("truncated");
    byte[] badSet = RowV2.encode(List.of(new Cell(1, new ColumnValue.Uint(8))));
    assertThatThrownBy(
            () ->
                RowDecoder.decode(
                    badSet,
                    List.of(new ColumnSpec(1, t(MysqlType.SET).withElems(List.of("a", "b"))))))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("row v2 column 1")
        .hasMessageContaining("bits beyond the 2 elements");
  }

  @Test
  void enumIndexOutsideTheElementsBecomesTidbsEmptyEnum() {
    byte[] row = RowV2.encode(List.of(new Cell(1, new ColumnValue.Uint(9))));
    assertThat(
            RowDecoder.decode(
                    row, List.of(new ColumnSpec(1, t(MysqlType.ENUM).withElems(List.of("a")))))
                .get(1))
        .contains(new ColumnValue.Enum(0, ""));
  }
}
