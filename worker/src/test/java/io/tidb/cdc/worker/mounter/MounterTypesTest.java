package io.tidb.cdc.worker.mounter;

import static io.tidb.cdc.worker.mounter.Changes.i;
import static io.tidb.cdc.worker.mounter.Changes.row;
import static io.tidb.cdc.worker.mounter.Changes.s;
import static io.tidb.cdc.worker.schema.Fixtures.column;
import static io.tidb.cdc.worker.schema.Fixtures.db;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.Cell;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.RowV1;
import io.tidb.cdc.tidb.row.RowV2;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.schema.ColumnAttr;
import io.tidb.cdc.worker.schema.Fixtures;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.SchemaStorage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every column type, in both row formats, decoded to its typed value. */
class MounterTypesTest {
  private static final long T = 60;

  private static FieldType t(int tp, int flen, int decimal) {
    return FieldType.of(tp).withLength(flen, decimal);
  }

  private static FieldType str(int tp, int flen) {
    return FieldType.of(tp).withLength(flen, 0).withCharset("utf8mb4", "utf8mb4_bin");
  }

  /** Column ID to (type, value stored in the row). */
  private static final Map<Long, Object[]> COLUMNS = new LinkedHashMap<>();

  static {
    COLUMNS.put(2L, new Object[] {t(MysqlType.TINY, 4, 0), i(-5)});
    COLUMNS.put(
        3L,
        new Object[] {
          t(MysqlType.LONGLONG, 20, 0).withAddedFlag(ColumnFlag.UNSIGNED), new ColumnValue.Uint(-1L)
        });
    COLUMNS.put(4L, new Object[] {t(MysqlType.FLOAT, 12, -1), new ColumnValue.Float32(1.5f)});
    COLUMNS.put(5L, new Object[] {t(MysqlType.DOUBLE, 22, -1), new ColumnValue.Float64(-2.25)});
    COLUMNS.put(
        6L,
        new Object[] {
          t(MysqlType.NEWDECIMAL, 10, 2), new ColumnValue.Decimal(new BigDecimal("-1234.50"), 10, 2)
        });
    COLUMNS.put(7L, new Object[] {str(MysqlType.VARCHAR, 32), s("héllo, 世界")});
    COLUMNS.put(8L, new Object[] {str(MysqlType.STRING, 4), s("ab")});
    COLUMNS.put(
        9L,
        new Object[] {t(MysqlType.STRING, 4, 0), new ColumnValue.Bytes(new byte[] {1, 2, 0, 0})});
    COLUMNS.put(
        10L,
        new Object[] {t(MysqlType.BLOB, 65535, 0), new ColumnValue.Bytes(new byte[] {-1, 0, 7})});
    COLUMNS.put(11L, new Object[] {str(MysqlType.BLOB, 65535), s("a text")});
    COLUMNS.put(
        12L,
        new Object[] {
          t(MysqlType.DATE, 10, 0),
          new ColumnValue.Time(MysqlTime.date(2024, 2, 29), MysqlType.DATE, 0)
        });
    COLUMNS.put(
        13L,
        new Object[] {
          t(MysqlType.DATETIME, 26, 6),
          new ColumnValue.Time(new MysqlTime(2024, 1, 2, 3, 4, 5, 678901), MysqlType.DATETIME, 6)
        });
    COLUMNS.put(
        14L,
        new Object[] {
          t(MysqlType.TIMESTAMP, 23, 3),
          new ColumnValue.Time(
              new MysqlTime(2023, 12, 31, 23, 59, 59, 123000), MysqlType.TIMESTAMP, 3)
        });
    COLUMNS.put(
        15L,
        new Object[] {
          t(MysqlType.DURATION, 14, 3),
          new ColumnValue.Duration(-((3600L + 120 + 3) * 1_000_000_000L + 500_000_000L), 3)
        });
    COLUMNS.put(16L, new Object[] {t(MysqlType.YEAR, 4, 0), i(2024)});
    COLUMNS.put(
        17L,
        new Object[] {
          FieldType.of(MysqlType.ENUM).withElems(List.of("a", "b", "c")),
          new ColumnValue.Enum(2, "b")
        });
    COLUMNS.put(
        18L,
        new Object[] {
          FieldType.of(MysqlType.SET).withElems(List.of("x", "y", "z")),
          new ColumnValue.Set(5, "x,z")
        });
    COLUMNS.put(19L, new Object[] {t(MysqlType.BIT, 10, 0), new ColumnValue.Bit(0x2AB, 2)});
    COLUMNS.put(
        20L,
        new Object[] {
          FieldType.of(MysqlType.JSON),
          new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse("{\"k\":[1,2.5,\"x\",null]}")))
        });
    COLUMNS.put(21L, new Object[] {str(MysqlType.VARCHAR, 8), ColumnValue.Null.INSTANCE});
  }

  private static TableInfo allTypes() {
    List<ColumnInfo> cols = new ArrayList<>();
    cols.add(column(1, "id", 0, Fixtures.pk(Fixtures.bigint())));
    int offset = 1;
    for (Map.Entry<Long, Object[]> e : COLUMNS.entrySet()) {
      cols.add(column(e.getKey(), "c" + e.getKey(), offset++, (FieldType) e.getValue()[0]));
    }
    return TableInfo.builder(T, "all_types").columns(cols).pkIsHandle().build();
  }

  private static List<Cell> cells() {
    List<Cell> cells = new ArrayList<>();
    COLUMNS.forEach((id, tv) -> cells.add(new Cell(id, (ColumnValue) tv[1])));
    return cells;
  }

  private final Mounter mounter = new Mounter(schema(), MounterConfig.defaults());

  private static SchemaStorage schema() {
    SchemaStorage s =
        new SchemaStorage(
            SchemaSnapshot.of(100, 1, List.of(db(2, "app")), Map.of(2L, List.of(allTypes()))));
    s.advanceResolvedTs(10_000);
    return s;
  }

  @Test
  void rowV2DecodesEveryType() throws Exception {
    RowChange r = row(mounter.mount(Changes.insert(T, 42, RowV2.encode(cells()), 101)));
    assertEveryValue(r);
  }

  @Test
  void rowV1DecodesEveryType() throws Exception {
    RowChange r = row(mounter.mount(Changes.insert(T, 42, RowV1.encode(cells()), 101)));
    assertEveryValue(r);
  }

  private static void assertEveryValue(RowChange r) {
    assertThat(r.type()).isEqualTo(RowChangeType.INSERT);
    assertThat(r.columns()).hasSize(COLUMNS.size() + 1);
    assertThat(r.column("id").orElseThrow().value()).isEqualTo(i(42));
    for (Map.Entry<Long, Object[]> e : COLUMNS.entrySet()) {
      Column c = r.column("c" + e.getKey()).orElseThrow();
      assertThat(c.value()).as("column c%d", e.getKey()).isEqualTo(e.getValue()[1]);
      assertThat(c.mysqlType()).isEqualTo(((FieldType) e.getValue()[0]).tp());
    }
  }

  @Test
  void columnsCarryTheirAttributes() throws Exception {
    RowChange r = row(mounter.mount(Changes.insert(T, 1, RowV2.encode(cells()), 101)));
    assertThat(r.column("id").orElseThrow().attrs())
        .containsExactlyInAnyOrder(ColumnAttr.PRIMARY_KEY, ColumnAttr.HANDLE_KEY);
    assertThat(r.column("c3").orElseThrow().attrs())
        .containsExactlyInAnyOrder(ColumnAttr.UNSIGNED, ColumnAttr.NULLABLE);
    assertThat(r.column("c9").orElseThrow().has(ColumnAttr.BINARY)).isTrue();
    assertThat(r.column("c10").orElseThrow().has(ColumnAttr.BINARY)).isTrue();
    assertThat(r.column("c7").orElseThrow().has(ColumnAttr.BINARY)).isFalse();
    assertThat(r.column("c11").orElseThrow().has(ColumnAttr.BINARY)).isFalse();
    assertThat(r.column("c21").orElseThrow().isNull()).isTrue();
  }
}
