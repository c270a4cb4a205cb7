package io.tidb.cdc.worker.mounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.json.JsonValue;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.schema.ColumnDef;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Defaults as TiDB stores them in {@code origin_default}, typed like the row values. */
class DefaultValuesTest {
  private final DefaultValues defaults = new DefaultValues();

  private ColumnValue of(FieldType type, Object originDefault) {
    ColumnInfo c = ColumnInfo.of(3, "c", 2, type);
    return defaults.of(
        new ColumnDef(originDefault == null ? c : c.withDefault(originDefault), Set.of()));
  }

  @Test
  void numbers() {
    FieldType ubig = FieldType.of(MysqlType.LONGLONG).withAddedFlag(ColumnFlag.UNSIGNED);
    assertThat(of(ubig, "18446744073709551615")).isEqualTo(new ColumnValue.Uint(-1L));
    assertThat(of(FieldType.of(MysqlType.LONG), 42)).isEqualTo(new ColumnValue.Int(42));
    assertThat(of(FieldType.of(MysqlType.DOUBLE), "-1.25e3"))
        .isEqualTo(new ColumnValue.Float64(-1250));
    assertThat(of(FieldType.of(MysqlType.NEWDECIMAL).withLength(8, 2), "3.14159"))
        .isEqualTo(new ColumnValue.Decimal(new BigDecimal("3.14"), 8, 2));
  }

  @Test
  void timesAndDurations() {
    assertThat(of(FieldType.of(MysqlType.DATETIME).withLength(26, 6), "2021-03-04 05:06:07.5"))
        .isEqualTo(
            new ColumnValue.Time(
                new MysqlTime(2021, 3, 4, 5, 6, 7, 500000), MysqlType.DATETIME, 6));
    assertThat(of(FieldType.of(MysqlType.DATE), "0000-00-00"))
        .isEqualTo(new ColumnValue.Time(MysqlTime.ZERO, MysqlType.DATE, 0));
    assertThat(of(FieldType.of(MysqlType.DURATION).withLength(15, 2), "100:00:01.25"))
        .isEqualTo(new ColumnValue.Duration((100L * 3600 + 1) * 1_000_000_000L + 250_000_000L, 2));
    assertThatThrownBy(() -> of(FieldType.of(MysqlType.DATETIME), "CURRENT_TIMESTAMP"))
        .hasMessageContaining("not a date/time literal");
  }

  @Test
  void stringsBitsEnumsSetsAndJson() {
    FieldType binary4 = FieldType.of(MysqlType.STRING).withLength(4, 0);
    assertThat(of(binary4, "ab")).isEqualTo(new ColumnValue.Bytes(new byte[] {'a', 'b', 0, 0}));
    FieldType bit = FieldType.of(MysqlType.BIT).withLength(12, 0);
    ColumnInfo bitCol =
        new ColumnInfo(
            3,
            io.tidb.cdc.tidb.meta.CIStr.of("b"),
            2,
            "\u0001\u0002",
            new byte[] {0x0A, (byte) 0xBC},
            null,
            null,
            false,
            "",
            false,
            null,
            bit,
            5,
            "",
            false,
            null,
            2);
    assertThat(defaults.of(new ColumnDef(bitCol, Set.of())))
        .isEqualTo(new ColumnValue.Bit(0x0ABC, 2));
    FieldType e = FieldType.of(MysqlType.ENUM).withElems(List.of("small", "Large"));
    assertThat(of(e, "large")).isEqualTo(new ColumnValue.Enum(2, "Large"));
    assertThatThrownBy(() -> of(e, "huge")).hasMessageContaining("not an element of ENUM");
    FieldType set = FieldType.of(MysqlType.SET).withElems(List.of("r", "w", "x"));
    assertThat(of(set, "x,r")).isEqualTo(new ColumnValue.Set(5, "r,x"));
    assertThat(of(set, "")).isEqualTo(new ColumnValue.Set(0, ""));
    assertThat(of(FieldType.of(MysqlType.JSON), "[1, {\"a\": null}]"))
        .isEqualTo(
            new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse("[1,{\"a\":null}]"))));
  }

  @Test
  void withoutDefaultNullableIsNullAndNotNullIsZero() {
    assertThat(of(FieldType.of(MysqlType.LONG), null)).isEqualTo(ColumnValue.Null.INSTANCE);
    FieldType notNull = FieldType.of(MysqlType.VARCHAR).withAddedFlag(ColumnFlag.NOT_NULL);
    assertThat(of(notNull, null)).isEqualTo(new ColumnValue.Bytes(new byte[0]));
    FieldType json = FieldType.of(MysqlType.JSON).withAddedFlag(ColumnFlag.NOT_NULL);
    assertThat(of(json, null))
        .isEqualTo(new ColumnValue.Json(BinaryJsonCodec.encode(JsonValue.NullValue.INSTANCE)));
    FieldType ts =
        FieldType.of(MysqlType.TIMESTAMP).withLength(23, 3).withAddedFlag(ColumnFlag.NOT_NULL);
    assertThat(of(ts, null))
        .isEqualTo(new ColumnValue.Time(MysqlTime.ZERO, MysqlType.TIMESTAMP, 3));
    FieldType dec =
        FieldType.of(MysqlType.NEWDECIMAL).withLength(5, 1).withAddedFlag(ColumnFlag.NOT_NULL);
    assertThat(of(dec, null)).isEqualTo(new ColumnValue.Decimal(new BigDecimal("0.0"), 5, 1));
  }
}
