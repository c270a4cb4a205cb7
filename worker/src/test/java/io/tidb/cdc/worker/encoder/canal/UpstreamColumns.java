package io.tidb.cdc.worker.encoder.canal;

import static io.tidb.cdc.worker.encoder.TestTables.flags;
import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.nul;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static io.tidb.cdc.worker.encoder.TestTables.u;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.schema.TableDef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The 52 columns of TiCDC's canal test table ({@code testColumnsTable} in pingcap/tiflow {@code
 * pkg/sink/codec/canal/canal_test_util.go}, later {@code pkg/sink/codec/utils/test_utils.go}): same
 * names, types, flags and values. Upstream lists, per column, the expected {@code mysqlType},
 * {@code sqlType} and encoded value; the golden files {@code upstream-columns-*.json} hold exactly
 * those (for the binary columns, where upstream's value is a placeholder, the ISO-8859-1 reading
 * TiCDC's {@code formatColumnValue} applies).
 */
final class UpstreamColumns {
  static final long COMMIT_TS = 417318403368288260L; // upstream testCaseInsert.CommitTs

  private UpstreamColumns() {}

  private static final List<String> NAMES = new ArrayList<>();
  private static final List<FieldType> TYPES = new ArrayList<>();
  private static final List<ColumnValue> VALUES = new ArrayList<>();

  private static void add(String name, FieldType type, ColumnValue value) {
    NAMES.add(name);
    TYPES.add(type);
    VALUES.add(value);
  }

  private static FieldType t(int tp) {
    return FieldType.of(tp).withCharset("utf8mb4", "utf8mb4_bin");
  }

  private static FieldType bin(int tp) {
    return FieldType.of(tp).withAddedFlag(ColumnFlag.BINARY); // charset binary, like BINARY/BLOB
  }

  private static FieldType unsigned(int tp) {
    return flags(FieldType.of(tp), ColumnFlag.UNSIGNED);
  }

  static {
    long pk = ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL;
    add("tinyint", flags(FieldType.of(MysqlType.TINY), pk), i(127));
    add("tinyint unsigned", unsigned(MysqlType.TINY), u(127));
    add("tinyint unsigned 2", unsigned(MysqlType.TINY), u(128));
    add("tinyint unsigned 3", unsigned(MysqlType.TINY), u(0));
    add("tinyint unsigned 4", flags(unsigned(MysqlType.TINY), ColumnFlag.BINARY), nul());
    add("smallint", FieldType.of(MysqlType.SHORT), i(32767));
    add("smallint unsigned", unsigned(MysqlType.SHORT), u(32767));
    add("smallint unsigned 2", unsigned(MysqlType.SHORT), u(32768));
    add("smallint unsigned 3", unsigned(MysqlType.SHORT), u(0));
    add("smallint unsigned 4", flags(unsigned(MysqlType.SHORT), ColumnFlag.BINARY), nul());
    add("mediumint", FieldType.of(MysqlType.INT24), i(8388607));
    add("mediumint unsigned", unsigned(MysqlType.INT24), u(8388607));
    add("mediumint unsigned 2", unsigned(MysqlType.INT24), u(8388608));
    add("mediumint unsigned 3", unsigned(MysqlType.INT24), u(0));
    add("mediumint unsigned 4", flags(unsigned(MysqlType.INT24), ColumnFlag.BINARY), nul());
    add("int", FieldType.of(MysqlType.LONG), i(2147483647));
    add("int unsigned", unsigned(MysqlType.LONG), u(2147483647));
    add("int unsigned 2", unsigned(MysqlType.LONG), u(2147483648L));
    add("int unsigned 3", unsigned(MysqlType.LONG), u(0));
    add("int unsigned 4", flags(unsigned(MysqlType.LONG), ColumnFlag.BINARY), nul());
    add("bigint", FieldType.of(MysqlType.LONGLONG), i(Long.MAX_VALUE));
    add("bigint unsigned", unsigned(MysqlType.LONGLONG), u(Long.MAX_VALUE));
    add("bigint unsigned 2", unsigned(MysqlType.LONGLONG), u(Long.MIN_VALUE)); // 2^63
    add("bigint unsigned 3", unsigned(MysqlType.LONGLONG), u(0));
    add("bigint unsigned 4", flags(unsigned(MysqlType.LONGLONG), ColumnFlag.BINARY), nul());
    add("float", FieldType.of(MysqlType.FLOAT), new ColumnValue.Float32(3.14f));
    add("double", FieldType.of(MysqlType.DOUBLE), new ColumnValue.Float64(2.71));
    add(
        "decimal",
        FieldType.of(MysqlType.NEWDECIMAL),
        ColumnValue.Decimal.of(new BigDecimal("2333")));
    add("float unsigned", unsigned(MysqlType.FLOAT), new ColumnValue.Float32(3.14f));
    add("double unsigned", unsigned(MysqlType.DOUBLE), new ColumnValue.Float64(2.71));
    add(
        "decimal unsigned",
        unsigned(MysqlType.NEWDECIMAL),
        ColumnValue.Decimal.of(new BigDecimal("2333")));
    add("varchar", t(MysqlType.VARCHAR), s("测试Varchar"));
    add("char", t(MysqlType.STRING), s("测试String"));
    add("binary", bin(MysqlType.STRING), s("测试Binary"));
    add("varbinary", bin(MysqlType.VARCHAR), s("测试varbinary"));
    add("tinytext", t(MysqlType.TINY_BLOB), s("测试Tinytext"));
    add("text", t(MysqlType.BLOB), s("测试text"));
    add("mediumtext", t(MysqlType.MEDIUM_BLOB), s("测试mediumtext"));
    add("longtext", t(MysqlType.LONG_BLOB), s("测试longtext"));
    add("tinyblob", bin(MysqlType.TINY_BLOB), s("测试tinyblob"));
    add("blob", bin(MysqlType.BLOB), s("测试blob"));
    add("mediumblob", bin(MysqlType.MEDIUM_BLOB), s("测试mediumblob"));
    add("longblob", bin(MysqlType.LONG_BLOB), s("测试longblob"));
    add(
        "date",
        FieldType.of(MysqlType.DATE),
        new ColumnValue.Time(MysqlTime.date(2020, 2, 20), MysqlType.DATE, 0));
    add(
        "datetime",
        FieldType.of(MysqlType.DATETIME),
        new ColumnValue.Time(new MysqlTime(2020, 2, 20, 2, 20, 20, 0), MysqlType.DATETIME, 0));
    add(
        "timestamp",
        FieldType.of(MysqlType.TIMESTAMP),
        new ColumnValue.Time(new MysqlTime(2020, 2, 20, 10, 20, 20, 0), MysqlType.TIMESTAMP, 0));
    add(
        "time",
        FieldType.of(MysqlType.DURATION),
        new ColumnValue.Duration(((2 * 60 + 20) * 60 + 20) * 1_000_000_000L, 0));
    add("year", unsigned(MysqlType.YEAR), i(2020));
    add(
        "enum",
        FieldType.of(MysqlType.ENUM).withElems(List.of("a", "b")),
        new ColumnValue.Enum(1, "a"));
    add(
        "set",
        FieldType.of(MysqlType.SET).withElems(List.of("a", "b")),
        new ColumnValue.Set(3, "a,b"));
    add("bit", flags(unsigned(MysqlType.BIT), ColumnFlag.BINARY), new ColumnValue.Bit(65, 1));
    add(
        "json",
        flags(FieldType.of(MysqlType.JSON), ColumnFlag.BINARY),
        new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse("{\"key1\": \"value1\"}"))));
  }

  static TableDef table() {
    List<io.tidb.cdc.tidb.meta.ColumnInfo> cols = new ArrayList<>();
    for (int k = 0; k < NAMES.size(); k++) {
      cols.add(io.tidb.cdc.tidb.meta.ColumnInfo.of(k + 1, NAMES.get(k), k, TYPES.get(k)));
    }
    return new TableDef(
        1, "cdc", TableInfo.builder(20, "person").columns(cols).pkIsHandle().build());
  }

  static ColumnValue[] values() {
    return VALUES.toArray(new ColumnValue[0]);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
