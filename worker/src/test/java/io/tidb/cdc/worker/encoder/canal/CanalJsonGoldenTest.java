package io.tidb.cdc.worker.encoder.canal;

import static io.tidb.cdc.worker.encoder.TestTables.flags;
import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.image;
import static io.tidb.cdc.worker.encoder.TestTables.nul;
import static io.tidb.cdc.worker.encoder.TestTables.pkInt;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static io.tidb.cdc.worker.encoder.TestTables.text;
import static io.tidb.cdc.worker.encoder.TestTables.u;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.json.BinaryJsonCodec;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlTime;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.Message;
import io.tidb.cdc.worker.encoder.MessageKind;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.TestTables;
import io.tidb.cdc.worker.mounter.PreImage;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import io.tidb.cdc.worker.schema.TableDef;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * canal-json messages compared byte for byte with golden files in {@code golden/canal-json/}. The
 * {@code upstream-columns-*} files carry the expectations of TiCDC's own test table (see {@link
 * UpstreamColumns}); the others were derived by hand from TiCDC's encoder source (pingcap/ticdc
 * {@code pkg/sink/codec/canal/canal_json_encoder.go} and {@code helper.go}, pingcap/tiflow {@code
 * canal_json_row_event_encoder.go}, {@code canal_json_message.go} and {@code canal_entry.go}), as
 * each test says. {@code ts} is the build time, fixed here by the clock.
 */
class CanalJsonGoldenTest {
  static final long C = UpstreamColumns.COMMIT_TS;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1668067206650L), ZoneOffset.UTC);

  static CanalJsonEncoder encoder(UnaryOperator<EncoderConfig> tweak) {
    return new CanalJsonEncoder(
        tweak.apply(
            EncoderConfig.defaults(Protocol.CANAL_JSON).withClock(CLOCK).withTidbExtension(true)));
  }

  static String golden(String name) throws IOException {
    try (InputStream in =
        CanalJsonGoldenTest.class.getResourceAsStream("/golden/canal-json/" + name)) {
      assertThat(in).as("golden file %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String lines(List<Message> messages) {
    StringBuilder sb = new StringBuilder();
    for (Message m : messages) {
      sb.append(new String(m.value(), StandardCharsets.UTF_8)).append('\n');
    }
    return sb.toString();
  }

  static TableDef person() {
    return TestTables.intPkTable(
        "cdc",
        30,
        "person",
        List.of(
            pkInt(),
            text(MysqlType.VARCHAR, 32),
            flags(FieldType.of(MysqlType.TINY), ColumnFlag.UNSIGNED),
            text(MysqlType.BLOB, 65535)),
        List.of("id", "name", "tiny", "comment"));
  }

  /** Upstream testCaseInsert/Update/Delete over testColumnsTable (tiflow canal_test_util.go). */
  @Test
  void upstreamColumnsTable() throws IOException {
    TableDef t = UpstreamColumns.table();
    ColumnValue[] v = UpstreamColumns.values();
    CanalJsonEncoder enc = encoder(c -> c);
    assertThat(lines(List.of(enc.encodeRow(TestTables.insert(t, C, v)))))
        .isEqualTo(golden("upstream-columns-insert.json"));
    assertThat(lines(List.of(enc.encodeRow(TestTables.update(t, C, image(t, v), image(t, v))))))
        .isEqualTo(golden("upstream-columns-update.json"));
    assertThat(lines(List.of(enc.encodeRow(TestTables.delete(t, C, v)))))
        .isEqualTo(golden("upstream-columns-delete.json"));
  }

  /**
   * Insert, update, delete and an upsert (a put without old value) of one table, by hand from
   * {@code newJSONMessageForDML}: {@code old} before {@code data}, an upsert is an INSERT.
   */
  @Test
  void insertUpdateDeleteUpsert() throws IOException {
    TableDef t = person();
    ColumnValue[] r1 = {i(1), s("Bob"), u(7), s("hi")};
    ColumnValue[] r2 = {i(1), s("Bob"), u(8), s("hello")};
    RowChange upsert =
        new RowChange(
            t,
            t.id(),
            C - 1,
            C,
            RowChangeType.UPSERT,
            new Handle.IntHandle(2),
            image(t, i(2), nul(), u(0), s("upsert")),
            List.of(),
            PreImage.NONE);
    CanalJsonEncoder enc = encoder(c -> c);
    List<Message> out =
        List.of(
            enc.encodeRow(TestTables.insert(t, C, r1)),
            enc.encodeRow(TestTables.update(t, C, image(t, r1), image(t, r2))),
            enc.encodeRow(TestTables.delete(t, C, r2)),
            enc.encodeRow(upsert));
    assertThat(lines(out)).isEqualTo(golden("person-dml.json"));
    assertThat(out).extracting(Message::kind).containsOnly(MessageKind.ROW);
    assertThat(out).extracting(Message::rowCount).containsOnly(1);
    assertThat(out.get(0).key()).isNull(); // canal-json messages have no key
  }

  /** Without enable-tidb-extension there is no {@code _tidb} object and no watermark. */
  @Test
  void withoutTidbExtension() throws IOException {
    CanalJsonEncoder enc = encoder(c -> c.withTidbExtension(false));
    assertThat(
            lines(
                List.of(
                    enc.encodeRow(TestTables.insert(person(), C, i(1), s("Bob"), u(7), s("hi"))))))
        .isEqualTo(golden("person-insert-no-extension.json"));
    assertThat(lines(List.of(enc.encodeDdl(createPerson()))))
        .isEqualTo(golden("ddl-no-extension.json"));
    assertThat(enc.encodeWatermark(C)).isEmpty();
  }

  /** only-output-updated-columns: {@code old} keeps the columns whose value changed. */
  @Test
  void onlyOutputUpdatedColumns() throws IOException {
    TableDef t = person();
    CanalJsonEncoder enc = encoder(c -> c.withOnlyOutputUpdatedColumns(true));
    Message m =
        enc.encodeRow(
            TestTables.update(
                t,
                C,
                image(t, i(1), s("Bob"), u(7), s("hi")),
                image(t, i(1), s("Bob"), u(8), s("hello"))));
    assertThat(lines(List.of(m))).isEqualTo(golden("person-update-only-updated-columns.json"));
  }

  /** delete-only-output-handle-key-columns: deletes carry the handle key alone. */
  @Test
  void deleteOnlyHandleKeyColumns() throws IOException {
    CanalJsonEncoder enc = encoder(c -> c.withDeleteOnlyHandleKeyColumns(true));
    Message m = enc.encodeRow(TestTables.delete(person(), C, i(1), s("Bob"), u(8), s("hello")));
    assertThat(lines(List.of(m))).isEqualTo(golden("person-delete-handle-key-only.json"));
  }

  /** A table without primary key: {@code pkNames} is an empty list, never null. */
  @Test
  void tableWithoutPrimaryKey() throws IOException {
    TableDef t =
        TestTables.noKeyTable(
            "cdc",
            31,
            "nokey",
            List.of(FieldType.of(MysqlType.LONG), text(MysqlType.VARCHAR, 8)),
            List.of("a", "b"));
    Message m = encoder(c -> c).encodeRow(TestTables.insert(t, C, i(5), s("x")));
    assertThat(lines(List.of(m))).isEqualTo(golden("nokey-insert.json"));
  }

  /**
   * Value formatting by hand from {@code formatColumnValue}: Go's shortest float digits without
   * exponent, DECIMAL with its scale, fractional seconds per column, TIMESTAMP in the changefeed's
   * zone, zero dates, negative TIME, BIT/SET as numbers, ENUM as its index, TiDB's JSON text,
   * binary bytes as ISO-8859-1, unsigned BIGINT above 2^63 as DECIMAL, zerofill.
   */
  @Test
  void valueFormatting() throws IOException {
    List<FieldType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<ColumnValue> values = new ArrayList<>();
    types.add(pkInt());
    names.add("id");
    values.add(i(1));
    types.add(FieldType.of(MysqlType.FLOAT));
    names.add("f32");
    values.add(new ColumnValue.Float32(0.1f));
    types.add(FieldType.of(MysqlType.DOUBLE));
    names.add("f64big");
    values.add(new ColumnValue.Float64(1e21));
    types.add(FieldType.of(MysqlType.DOUBLE));
    names.add("f64small");
    values.add(new ColumnValue.Float64(1e-7));
    types.add(FieldType.of(MysqlType.DOUBLE));
    names.add("f64sum");
    values.add(new ColumnValue.Float64(0.1 + 0.2));
    types.add(FieldType.of(MysqlType.DOUBLE));
    names.add("f64negzero");
    values.add(new ColumnValue.Float64(-0.0));
    FieldType dec = FieldType.of(MysqlType.NEWDECIMAL).withLength(10, 2);
    types.add(dec);
    names.add("dec");
    values.add(new ColumnValue.Decimal(new BigDecimal("-1234.5"), 10, 2));
    types.add(dec);
    names.add("dec0");
    values.add(new ColumnValue.Decimal(BigDecimal.ZERO, 10, 2));
    types.add(FieldType.of(MysqlType.DATETIME).withLength(26, 6));
    names.add("dt6");
    values.add(
        new ColumnValue.Time(new MysqlTime(2024, 1, 2, 3, 4, 5, 678901), MysqlType.DATETIME, 6));
    types.add(FieldType.of(MysqlType.TIMESTAMP).withLength(23, 3));
    names.add("ts3");
    values.add(
        new ColumnValue.Time(
            new MysqlTime(2023, 12, 31, 23, 59, 59, 123000), MysqlType.TIMESTAMP, 3));
    types.add(FieldType.of(MysqlType.DATE));
    names.add("dzero");
    values.add(new ColumnValue.Time(MysqlTime.ZERO, MysqlType.DATE, 0));
    types.add(FieldType.of(MysqlType.DURATION).withLength(14, 3));
    names.add("dur");
    values.add(new ColumnValue.Duration(-((3600L + 120 + 3) * 1_000_000_000L + 500_000_000L), 3));
    types.add(FieldType.of(MysqlType.BIT).withLength(10, 0));
    names.add("bit10");
    values.add(new ColumnValue.Bit(683, 2));
    types.add(FieldType.of(MysqlType.ENUM).withElems(List.of("a", "b", "c")));
    names.add("e");
    values.add(new ColumnValue.Enum(2, "b"));
    types.add(FieldType.of(MysqlType.SET).withElems(List.of("x", "y", "z")));
    names.add("st");
    values.add(new ColumnValue.Set(5, "x,z"));
    types.add(FieldType.of(MysqlType.JSON));
    names.add("j");
    values.add(
        new ColumnValue.Json(BinaryJsonCodec.encode(JsonText.parse("{\"k\":[1,2.5,\"x\",null]}"))));
    types.add(flags(FieldType.of(MysqlType.BLOB), ColumnFlag.BINARY));
    names.add("blb");
    values.add(new ColumnValue.Bytes(new byte[] {0, (byte) 0xFF, 'A'}));
    types.add(FieldType.of(MysqlType.TINY));
    names.add("ti");
    values.add(i(-128));
    types.add(flags(FieldType.of(MysqlType.LONGLONG), ColumnFlag.UNSIGNED));
    names.add("ubig");
    values.add(u(-1L));
    types.add(flags(FieldType.of(MysqlType.LONG), ColumnFlag.UNSIGNED | ColumnFlag.ZEROFILL));
    names.add("zf");
    values.add(u(7));
    types.add(FieldType.of(MysqlType.YEAR));
    names.add("yr");
    values.add(i(1999));
    types.add(text(MysqlType.VARCHAR, 8));
    names.add("n");
    values.add(nul());
    TableDef t = TestTables.intPkTable("cdc", 32, "vals", types, names);
    Message m =
        encoder(c -> c.withTimeZone(ZoneOffset.ofHours(8)))
            .encodeRow(TestTables.insert(t, C, values.toArray(new ColumnValue[0])));
    assertThat(lines(List.of(m))).isEqualTo(golden("values.json"));
  }

  /**
   * Go's string escaping (easyjson for rows): quote, backslash, newline, return, tab, other control
   * characters and {@code < > &} escaped, U+2028 escaped, invalid UTF-8 as U+FFFD, DEL and
   * non-ASCII as is; names escaped like values; binary bytes read as ISO-8859-1 first.
   */
  @Test
  void escaping() throws IOException {
    byte[] v = {
      'a',
      '"',
      'b',
      '\\',
      'c',
      '\n',
      '\r',
      '\t',
      1,
      '<',
      '>',
      '&',
      (byte) 0xE2,
      (byte) 0x80,
      (byte) 0xA8,
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xF0,
      (byte) 0x9F,
      (byte) 0x98,
      (byte) 0x80,
      (byte) 0xFF,
      0x7F
    };
    byte[] b = {'"', '<', (byte) 0x80, (byte) 0xE2, (byte) 0x80, (byte) 0xA8};
    TableDef t =
        TestTables.intPkTable(
            "cdc",
            33,
            "esc",
            List.of(
                pkInt(),
                text(MysqlType.VARCHAR, 64),
                flags(FieldType.of(MysqlType.VARCHAR).withLength(16, 0), ColumnFlag.BINARY),
                text(MysqlType.VARCHAR, 8)),
            List.of("id", "v", "b", "we\"ird<col>"));
    Message m =
        encoder(c -> c)
            .encodeRow(
                TestTables.insert(
                    t, C, i(1), new ColumnValue.Bytes(v), new ColumnValue.Bytes(b), s("x")));
    assertThat(lines(List.of(m))).isEqualTo(golden("escaping.json"));
  }

  static DdlEvent createPerson() {
    return DdlEvent.of(
        ActionType.CREATE_TABLE,
        "cdc",
        "person",
        "create table person(id int, name varchar(32), tiny tinyint unsigned, comment text, primary key(id))",
        C);
  }

  /**
   * DDL messages in TiCDC's {@code JSONMessage} struct order ({@code data} before {@code old}),
   * canal event types per {@code convertDdlEventType}; the first is upstream's testCaseDDL.
   */
  @Test
  void ddl() throws IOException {
    CanalJsonEncoder enc = encoder(c -> c);
    List<Message> out =
        List.of(
            enc.encodeDdl(createPerson()),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.ADD_COLUMN,
                    "cdc",
                    "person",
                    "ALTER TABLE `cdc`.`person` ADD COLUMN `c` INT DEFAULT 1",
                    C + 1)),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.ADD_INDEX,
                    "cdc",
                    "person",
                    "CREATE INDEX `idx` ON `cdc`.`person` (`c`)",
                    C + 2)),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.RENAME_TABLE,
                    "cdc",
                    "person2",
                    "RENAME TABLE `cdc`.`person` TO `cdc`.`person2`",
                    C + 3)),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.TRUNCATE_TABLE,
                    "cdc",
                    "person2",
                    "TRUNCATE TABLE `cdc`.`person2`",
                    C + 4)),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.DROP_TABLE, "cdc", "person2", "DROP TABLE `cdc`.`person2`", C + 5)),
            enc.encodeDdl(
                DdlEvent.of(
                    ActionType.CREATE_VIEW,
                    "cdc",
                    "v",
                    "CREATE VIEW `v` AS SELECT 1 < 2 && 3 > 2",
                    C + 6)),
            enc.encodeDdl(
                DdlEvent.of(ActionType.DROP_SCHEMA, "cdc", "", "DROP DATABASE `cdc`", C + 7)));
    assertThat(lines(out)).isEqualTo(golden("ddl.json"));
    assertThat(out).extracting(Message::kind).containsOnly(MessageKind.DDL);
  }

  /**
   * TiCDC's watermark (tidb extension only), by hand from {@code newJSONMessage4CheckpointEvent};
   * 2333 is the watermark of upstream's TestCanalJSONCompressionE2E.
   */
  @Test
  void watermark() throws IOException {
    CanalJsonEncoder enc = encoder(c -> c);
    List<Message> out =
        List.of(enc.encodeWatermark(2333).orElseThrow(), enc.encodeWatermark(C).orElseThrow());
    assertThat(lines(out)).isEqualTo(golden("watermark.json"));
    assertThat(out.get(1).kind()).isEqualTo(MessageKind.WATERMARK);
    assertThat(out.get(1).commitTs()).isEqualTo(C);
  }
}
