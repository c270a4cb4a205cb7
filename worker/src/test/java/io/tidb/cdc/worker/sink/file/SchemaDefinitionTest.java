package io.tidb.cdc.worker.sink.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * TiCDC's storage-sink table definitions, against pingcap/tiflow {@code
 * pkg/sink/cloudstorage/table_definition_test.go}: {@code generateTableDef}, the file names with
 * checksums of TestTableDefinitionGenFilePath, and cases of TestTableCol.
 */
class SchemaDefinitionTest {
  private static FieldType utf8(int tp) {
    return FieldType.of(tp).withCharset("utf8mb4", "utf8mb4_bin");
  }

  /** Upstream generateTableDef: schema1.table1 at table version 100. */
  static TableInfo table1() {
    return TableInfo.builder(20, "table1")
        .columns(
            List.of(
                ColumnInfo.of(
                        1,
                        "Id",
                        0,
                        FieldType.of(MysqlType.LONG)
                            .withAddedFlag(ColumnFlag.PRI_KEY | ColumnFlag.NOT_NULL))
                    .withDefault(10),
                ColumnInfo.of(
                        2,
                        "LastName",
                        1,
                        utf8(MysqlType.VARCHAR)
                            .withLength(128, -1)
                            .withAddedFlag(ColumnFlag.NOT_NULL))
                    .withDefault("Default LastName"),
                ColumnInfo.of(3, "FirstName", 2, utf8(MysqlType.VARCHAR).withLength(64, -1))
                    .withDefault("Default FirstName"),
                ColumnInfo.of(4, "Birthday", 3, FieldType.of(MysqlType.DATETIME))
                    .withDefault(12345678)))
        .build();
  }

  @Test
  void fileNamesCarryUpstreamChecksums() {
    SchemaDefinition db = SchemaDefinition.ofDatabase("schema1", 100, "", 0);
    assertThat(db.fileName()).isEqualTo("schema_100_3233644819.json");
    SchemaDefinition table = SchemaDefinition.ofTable("schema1", table1(), 100, "", 0);
    assertThat(table.fileName()).isEqualTo("schema_100_3752767265.json");
    // The query and action do not change the checksum: DDL and table-version files agree.
    assertThat(SchemaDefinition.ofTable("schema1", table1(), 100, "alter table x", 5).checksum())
        .isEqualTo(table.checksum());
  }

  /** Upstream TestTableDefinition, as json.MarshalIndent lays it out. */
  @Test
  void contentMatchesMarshalIndent() {
    String expected =
        """
        {
            "Table": "table1",
            "Schema": "schema1",
            "Version": 1,
            "TableVersion": 100,
            "Query": "alter table schema1.table1 add Birthday date",
            "Type": 5,
            "TableColumns": [
                {
                    "ColumnName": "Id",
                    "ColumnType": "INT",
                    "ColumnDefault": 10,
                    "ColumnPrecision": "11",
                    "ColumnNullable": "false",
                    "ColumnIsPk": "true"
                },
                {
                    "ColumnName": "LastName",
                    "ColumnType": "VARCHAR",
                    "ColumnDefault": "Default LastName",
                    "ColumnPrecision": "128",
                    "ColumnNullable": "false"
                },
                {
                    "ColumnName": "FirstName",
                    "ColumnType": "VARCHAR",
                    "ColumnDefault": "Default FirstName",
                    "ColumnPrecision": "64"
                },
                {
                    "ColumnName": "Birthday",
                    "ColumnType": "DATETIME",
                    "ColumnDefault": 12345678
                }
            ],
            "TableColumnsTotal": 4
        }""";
    SchemaDefinition def =
        SchemaDefinition.ofTable(
            "schema1", table1(), 100, "alter table schema1.table1 add Birthday date", 5);
    assertThat(new String(def.toJson(), StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  private static String column(FieldType type) {
    SchemaDefinition def =
        new SchemaDefinition("d", "t", 1, "", 0, List.of(ColumnInfo.of(1, "", 0, type)));
    String json = new String(def.toJson(), StandardCharsets.UTF_8);
    String col =
        json.substring(
            json.indexOf("{", json.indexOf("TableColumns")),
            json.indexOf("}", json.indexOf("TableColumns")) + 1);
    return col.replaceAll("\\n\\s*", "").replace("\": ", "\":");
  }

  /** Cases of upstream TestTableCol (compared there with JSONEq, so whitespace is dropped here). */
  @Test
  void columnTypesPrecisionAndScale() {
    assertThat(column(FieldType.of(MysqlType.DURATION).withLength(-1, 5)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"TIME\",\"ColumnScale\":\"5\"}");
    assertThat(
            column(
                FieldType.of(MysqlType.LONG).withLength(5, -1).withAddedFlag(ColumnFlag.UNSIGNED)))
        .isEqualTo(
            "{\"ColumnName\":\"\",\"ColumnType\":\"INT UNSIGNED\",\"ColumnPrecision\":\"5\"}");
    assertThat(column(FieldType.of(MysqlType.FLOAT).withLength(12, 3)))
        .isEqualTo(
            "{\"ColumnName\":\"\",\"ColumnType\":\"FLOAT\",\"ColumnPrecision\":\"12\",\"ColumnScale\":\"3\"}");
    assertThat(column(FieldType.of(MysqlType.DOUBLE).withLength(5, -1)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"DOUBLE\",\"ColumnPrecision\":\"5\"}");
    assertThat(column(FieldType.of(MysqlType.LONG).withAddedFlag(ColumnFlag.PRI_KEY)))
        .isEqualTo(
            "{\"ColumnName\":\"\",\"ColumnType\":\"INT\",\"ColumnPrecision\":\"11\",\"ColumnIsPk\":\"true\"}");
    assertThat(column(FieldType.of(MysqlType.VAR_STRING).withLength(64, -1)))
        .isEqualTo(
            "{\"ColumnName\":\"\",\"ColumnType\":\"VAR_STRING\",\"ColumnPrecision\":\"64\"}");
    assertThat(column(FieldType.of(MysqlType.BLOB).withLength(100, -1)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"BLOB\",\"ColumnPrecision\":\"100\"}");
    assertThat(column(utf8(MysqlType.BLOB).withLength(100, -1)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"TEXT\",\"ColumnPrecision\":\"100\"}");
    assertThat(column(FieldType.of(MysqlType.ENUM)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"ENUM\"}");
    assertThat(column(FieldType.of(MysqlType.TIMESTAMP).withLength(8, 2)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"TIMESTAMP\",\"ColumnScale\":\"2\"}");
    assertThat(column(FieldType.of(MysqlType.DATETIME).withLength(8, 0)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"DATETIME\"}");
    assertThat(column(FieldType.of(MysqlType.DATE).withLength(8, 2)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"DATE\"}");
    assertThat(column(FieldType.of(MysqlType.YEAR).withLength(2, 2)))
        .isEqualTo("{\"ColumnName\":\"\",\"ColumnType\":\"YEAR\",\"ColumnPrecision\":\"2\"}");
  }
}
