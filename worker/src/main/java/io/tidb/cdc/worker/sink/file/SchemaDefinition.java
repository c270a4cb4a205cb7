package io.tidb.cdc.worker.sink.file;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.canal.CanalValues;
import io.tidb.cdc.worker.encoder.json.GoNumbers;
import io.tidb.cdc.worker.encoder.json.JsonWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * TiCDC's storage-sink table definition ({@code pkg/sink/cloudstorage/table_definition.go}): the
 * JSON a schema file holds, and the checksum in its name (CRC-32 of the definition without query,
 * columns sorted by name, as {@code json.MarshalIndent} writes it).
 *
 * @param table empty for a database definition
 * @param columns empty for a database definition
 * @param type the DDL's action code, 0 when the file only records a table version
 */
record SchemaDefinition(
    String schema,
    String table,
    long tableVersion,
    String query,
    int type,
    List<ColumnInfo> columns) {

  /** TiCDC's {@code defaultTableDefinitionVersion}. */
  static final int FORMAT_VERSION = 1;

  SchemaDefinition {
    columns = List.copyOf(columns);
    query = query == null ? "" : query;
  }

  static SchemaDefinition ofTable(
      String schema, TableInfo info, long version, String query, int type) {
    return new SchemaDefinition(
        schema, info.name().original(), version, query, type, info.columns());
  }

  static SchemaDefinition ofDatabase(String schema, long version, String query, int type) {
    return new SchemaDefinition(schema, "", version, query, type, List.of());
  }

  boolean isDatabase() {
    return table.isEmpty();
  }

  /** The file's content: {@code MarshalWithQuery}, four-space indented. */
  byte[] toJson() {
    JsonWriter w = JsonWriter.indented("    ");
    w.beginObject();
    w.name("Table").value(table);
    w.name("Schema").value(schema);
    w.name("Version").value(FORMAT_VERSION);
    w.name("TableVersion").valueUnsigned(tableVersion);
    w.name("Query").value(query);
    w.name("Type").value(type);
    w.name("TableColumns");
    if (columns.isEmpty()) {
      w.nullValue();
    } else {
      writeColumns(w, columns);
    }
    w.name("TableColumnsTotal").value(columns.size());
    w.endObject();
    return w.toByteArray();
  }

  /** TiCDC's {@code Sum32}: CRC-32 (IEEE) of the definition without query, version or type. */
  long checksum() {
    List<ColumnInfo> sorted = new ArrayList<>(columns);
    sorted.sort(
        (a, b) -> Arrays.compareUnsigned(utf8(a.name().original()), utf8(b.name().original())));
    JsonWriter w = JsonWriter.indented("    ");
    w.beginObject();
    w.name("Table").value(table);
    w.name("Schema").value(schema);
    w.name("Version").value(0L); // tableDefWithoutQuery leaves it unset
    w.name("TableColumns");
    writeColumns(w, sorted); // an empty, non-nil slice: [] rather than null
    w.name("TableColumnsTotal").value(columns.size());
    w.endObject();
    CRC32 crc = new CRC32();
    crc.update(w.toByteArray());
    return crc.getValue();
  }

  /** {@code schema_{tableVersion}_{checksum}.json}, the checksum in ten digits. */
  String fileName() {
    return String.format(
        Locale.ROOT, "schema_%s_%010d.json", Long.toUnsignedString(tableVersion), checksum());
  }

  private static void writeColumns(JsonWriter w, List<ColumnInfo> cols) {
    w.beginArray();
    for (ColumnInfo c : cols) {
      writeColumn(w, c);
    }
    w.endArray();
  }

  /** TiCDC's {@code TableCol.FromTiColumnInfo}. */
  private static void writeColumn(JsonWriter w, ColumnInfo c) {
    FieldType t = c.type();
    int tp = t.tp();
    int[] dflt = defaultLengthAndDecimal(tp);
    boolean decimalNotDefault = t.decimal() != dflt[1] && t.decimal() != 0 && t.decimal() != -1;
    long flen = t.flen() == -1 ? dflt[0] == Integer.MIN_VALUE ? 4294967295L : dflt[0] : t.flen();
    int decimal = t.decimal() == -1 ? dflt[1] : t.decimal();
    String precision = "";
    String scale = "";
    switch (tp) {
      case MysqlType.TIMESTAMP, MysqlType.DATETIME, MysqlType.DURATION -> {
        if (decimalNotDefault) {
          scale = Integer.toString(decimal);
        }
      }
      case MysqlType.DOUBLE, MysqlType.FLOAT -> {
        precision = Long.toString(flen);
        if (decimalNotDefault) {
          scale = Integer.toString(decimal);
        }
      }
      case MysqlType.NEWDECIMAL -> {
        precision = Long.toString(flen);
        scale = Integer.toString(decimal);
      }
      case MysqlType.TINY,
          MysqlType.SHORT,
          MysqlType.INT24,
          MysqlType.LONG,
          MysqlType.LONGLONG,
          MysqlType.BIT,
          MysqlType.VARCHAR,
          MysqlType.STRING,
          MysqlType.VAR_STRING,
          MysqlType.BLOB,
          MysqlType.TINY_BLOB,
          MysqlType.MEDIUM_BLOB,
          MysqlType.LONG_BLOB,
          MysqlType.YEAR ->
          precision = Long.toString(flen);
      default -> {}
    }
    w.beginObject();
    w.name("ColumnName").value(c.name().original());
    String type = typeName(t);
    w.name("ColumnType").value(type);
    Object dv = tp == MysqlType.BIT && c.defaultBit() != null ? c.defaultBit() : c.defaultValue();
    if (dv != null) {
      w.name("ColumnDefault");
      writeDefault(w, dv);
    }
    if (!precision.isEmpty()) {
      w.name("ColumnPrecision").value(precision);
    }
    if (!scale.isEmpty()) {
      w.name("ColumnScale").value(scale);
    }
    if (ColumnFlag.has(t.flag(), ColumnFlag.NOT_NULL)) {
      w.name("ColumnNullable").value("false");
    }
    if (ColumnFlag.has(t.flag(), ColumnFlag.PRI_KEY)) {
      w.name("ColumnIsPk").value("true");
    }
    w.endObject();
  }

  /** Upper-case {@code TypeToStr} plus {@code " UNSIGNED"}, as TiCDC's column type. */
  static String typeName(FieldType t) {
    String s = CanalValues.mysqlTypeName(t.tp(), t.charset()).toUpperCase(Locale.ROOT);
    return t.isUnsigned() ? s + " UNSIGNED" : s;
  }

  /**
   * A default value as Go marshals the {@code interface{}} TiCDC holds: strings (BIT defaults are
   * raw bytes), numbers (JSON numbers are float64 in Go), booleans.
   */
  private static void writeDefault(JsonWriter w, Object v) {
    if (v instanceof byte[] bit) {
      w.valueGoString(bit);
    } else if (v instanceof String s) {
      w.value(s);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof BigInteger) {
      w.rawValue(v.toString());
    } else if (v instanceof Number n) {
      w.rawValue(
          GoNumbers.jsonDouble(n instanceof BigDecimal d ? d.doubleValue() : n.doubleValue()));
    } else if (v instanceof Boolean b) {
      w.value(b);
    } else {
      w.value(v.toString());
    }
  }

  /**
   * TiDB's {@code GetDefaultFieldLengthAndDecimal} ({@code pkg/parser/mysql}); (-1, -1) for types
   * it does not list. Lengths above int range are flagged with {@code Integer.MIN_VALUE}.
   */
  private static int[] defaultLengthAndDecimal(int tp) {
    return switch (tp) {
      case MysqlType.BIT -> new int[] {1, 0};
      case MysqlType.TINY -> new int[] {4, 0};
      case MysqlType.SHORT -> new int[] {6, 0};
      case MysqlType.INT24 -> new int[] {9, 0};
      case MysqlType.LONG -> new int[] {11, 0};
      case MysqlType.LONGLONG -> new int[] {20, 0};
      case MysqlType.DOUBLE -> new int[] {22, -1};
      case MysqlType.FLOAT -> new int[] {12, -1};
      case MysqlType.NEWDECIMAL, MysqlType.DURATION, MysqlType.DATE -> new int[] {10, 0};
      case MysqlType.TIMESTAMP, MysqlType.DATETIME -> new int[] {19, 0};
      case MysqlType.YEAR -> new int[] {4, 0};
      case MysqlType.STRING -> new int[] {1, 0};
      case MysqlType.VARCHAR, MysqlType.VAR_STRING -> new int[] {5, 0};
      case MysqlType.TINY_BLOB -> new int[] {255, 0};
      case MysqlType.BLOB -> new int[] {65535, 0};
      case MysqlType.MEDIUM_BLOB -> new int[] {16777215, 0};
      case MysqlType.LONG_BLOB, MysqlType.JSON -> new int[] {Integer.MIN_VALUE, 0};
      case MysqlType.NULL -> new int[] {0, 0};
      case MysqlType.SET, MysqlType.ENUM -> new int[] {-1, 0};
      default -> new int[] {-1, -1};
    };
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
