package io.tidb.cdc.sim.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnValuesTest {
  private static ColumnInfo col(FieldType t) {
    return ColumnInfo.of(1, "c", 0, t);
  }

  private static ColumnValue convert(Object v, FieldType t) {
    return ColumnValues.convert(v, col(t));
  }

  @Test
  void checksIntegerRangesBySignedness() {
    FieldType tiny = FieldType.of(MysqlType.TINY);
    assertThat(convert(-128L, tiny)).isEqualTo(new ColumnValue.Int(-128));
    assertThatThrownBy(() -> convert(128L, tiny))
        .hasMessageContaining("out of range for tinyint [-128, 127]");
    FieldType ubig = FieldType.of(MysqlType.LONGLONG).withFlag(ColumnFlag.UNSIGNED);
    assertThat(convert(new BigInteger("18446744073709551615"), ubig))
        .isEqualTo(new ColumnValue.Uint(-1));
    assertThatThrownBy(() -> convert(-1L, ubig)).hasMessageContaining("unsigned");
    assertThat(convert("42", FieldType.of(MysqlType.LONG))).isEqualTo(new ColumnValue.Int(42));
  }

  @Test
  void roundsDecimalsAndTimesLikeTidb() {
    FieldType dec = FieldType.of(MysqlType.NEWDECIMAL).withLength(5, 2);
    assertThat(convert(new BigDecimal("1.005"), dec))
        .isEqualTo(new ColumnValue.Decimal(new BigDecimal("1.01"), 5, 2));
    assertThatThrownBy(() -> convert(new BigDecimal("1000"), dec))
        .hasMessageContaining("out of range for decimal(5,2)");
    FieldType dt = FieldType.of(MysqlType.DATETIME).withLength(21, 1);
    assertThat(convert("2024-12-31 23:59:59.96", dt))
        .isEqualTo(
            new ColumnValue.Time(new MysqlTime(2025, 1, 1, 0, 0, 0, 0), MysqlType.DATETIME, 1));
    assertThatThrownBy(() -> convert("2023-02-29", FieldType.of(MysqlType.DATE)))
        .hasMessageContaining("incorrect date/time value");
    FieldType time = FieldType.of(MysqlType.DURATION).withLength(10, 0);
    assertThat(convert("1 02:03:04", time))
        .isEqualTo(new ColumnValue.Duration(93_784_000_000_000L, 0));
  }

  @Test
  void mapsStringsEnumsSetsAndBits() {
    FieldType ch =
        FieldType.of(MysqlType.STRING).withLength(3, 0).withCharset("utf8mb4", "utf8mb4_bin");
    assertThat(convert("ab ", ch)).isEqualTo(ColumnValue.Bytes.utf8("ab"));
    assertThatThrownBy(() -> convert("abcd", ch))
        .hasMessageContaining("data too long: 4 characters > 3");
    FieldType bin = FieldType.of(MysqlType.STRING).withLength(3, 0);
    assertThat(convert(new byte[] {1}, bin)).isEqualTo(new ColumnValue.Bytes(new byte[] {1, 0, 0}));
    FieldType e =
        FieldType.of(MysqlType.ENUM)
            .withCharset("utf8mb4", "utf8mb4_general_ci")
            .withElems(List.of("a", "b"));
    assertThat(convert("B", e)).isEqualTo(new ColumnValue.Enum(2, "b"));
    assertThatThrownBy(() -> convert("c", e)).hasMessageContaining("not one of the ENUM values");
    FieldType s =
        FieldType.of(MysqlType.SET)
            .withCharset("utf8mb4", "utf8mb4_bin")
            .withElems(List.of("x", "y", "z"));
    assertThat(convert("z,x", s)).isEqualTo(new ColumnValue.Set(5, "x,z"));
    FieldType bit = FieldType.of(MysqlType.BIT).withLength(4, 0);
    assertThat(convert(new byte[] {0x0a}, bit)).isEqualTo(new ColumnValue.Bit(10, 1));
    assertThatThrownBy(() -> convert(16L, bit)).hasMessageContaining("does not fit in BIT(4)");
  }

  @Test
  void refusesNullInNotNullColumns() {
    FieldType t = FieldType.of(MysqlType.LONG).withFlag(ColumnFlag.NOT_NULL);
    assertThatThrownBy(() -> convert(null, t))
        .isInstanceOf(ValueException.class)
        .hasMessage("column 'c' cannot be null");
  }
}
