package io.tidb.cdc.worker.sink.file;

import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.image;
import static io.tidb.cdc.worker.encoder.TestTables.nul;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.TestTables;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.schema.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkReaderTest {
  static final TableDef PERSON = FileSinkTest.PERSON;
  static final TableDef NOKEY =
      TestTables.noKeyTable(
          "cdc",
          31,
          "nokey",
          List.of(FieldType.of(MysqlType.LONG), TestTables.text(MysqlType.VARCHAR, 8)),
          List.of("a", "b"));

  @TempDir Path dir;

  FileSink open() throws IOException {
    return new FileSink(FileSinkConfig.of(dir, FileSinkTest.encoderConfig()), new RecordingFs());
  }

  static Map<String, String> row(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int k = 0; k < kv.length; k += 2) {
      m.put(kv[k], kv[k + 1]);
    }
    return m;
  }

  static List<String> key(String... parts) {
    return Arrays.asList(parts);
  }

  static void flush(FileSink sink, TableDef t, long ts) throws Exception {
    sink.flush(t.id(), ts).get(10, TimeUnit.SECONDS);
  }

  @Test
  void replaysRowsInCommitOrder() throws Exception {
    try (FileSink sink = open()) {
      sink.write(
          List.of(
              TestTables.insert(PERSON, 100, i(1), s("a")),
              TestTables.insert(PERSON, 100, i(2), s("b")),
              TestTables.insert(NOKEY, 100, i(5), s("x")),
              TestTables.insert(NOKEY, 100, i(6), s("y"))));
      flush(sink, PERSON, 105);
      flush(sink, NOKEY, 105);
      sink.write(
          List.of(
              TestTables.update(
                  PERSON, 110, image(PERSON, i(1), s("a")), image(PERSON, i(1), s("a2"))),
              TestTables.delete(PERSON, 120, i(2), s("b")),
              TestTables.delete(NOKEY, 120, i(5), s("x")),
              TestTables.update(
                  NOKEY, 130, image(NOKEY, i(6), s("y")), image(NOKEY, i(6), nul()))));
      flush(sink, PERSON, 130);
      flush(sink, NOKEY, 130);
      sink.writeCheckpoint(130).get(10, TimeUnit.SECONDS);
    }
    FileSinkReader reader = new FileSinkReader(dir);
    Replay all = reader.replay();
    assertThat(all.checkpointTs()).hasValue(130);
    assertThat(all.rows("cdc", "person"))
        .containsExactly(Map.entry(key("1"), row("id", "1", "name", "a2")));
    Map<String, String> nokeyRow = row("a", "6", "b", null);
    assertThat(all.rows("cdc", "nokey"))
        .containsExactly(Map.entry(key("a", "6", "b", null), nokeyRow));
    assertThat(all.rowsApplied()).isEqualTo(8);
    assertThat(all.files()).isEqualTo(4);
    assertThat(all.warnings()).isEmpty();

    Replay upTo110 = reader.replayUpTo(110);
    assertThat(upTo110.rows("cdc", "person"))
        .containsOnly(
            Map.entry(key("1"), row("id", "1", "name", "a2")),
            Map.entry(key("2"), row("id", "2", "name", "b")));
  }

  @Test
  void inProgressFilesAreIgnored() throws Exception {
    try (FileSink sink = open()) {
      sink.write(List.of(TestTables.insert(PERSON, 100, i(1), s("a"))));
      flush(sink, PERSON, 100);
    }
    Files.writeString(
        dir.resolve("cdc/person/.30.200.json.tmp"), "{\"id\":0,\"database\":\"cdc\",\"ta");
    Files.writeString(dir.resolve("cdc/person/200-300.json.tmp"), "not json at all\r\n");
    Files.writeString(dir.resolve("cdc/person/meta/schema_300_0000000001.json.tmp"), "{");
    Files.writeString(dir.resolve("checkpoint.json.tmp"), "{\"checkpoint-ts\":99");
    Replay r = new FileSinkReader(dir).replay();
    assertThat(r.tmpFilesIgnored()).isEqualTo(3);
    assertThat(r.rows("cdc", "person"))
        .containsExactly(Map.entry(key("1"), row("id", "1", "name", "a")));
    assertThat(r.checkpointTs()).isEmpty();
  }

  /**
   * After a restart from checkpoint 149, the sink writes the rows above it again with other flush
   * points; the replay applies each change once, by its commit ts, so k=1 ends at v3.
   */
  @Test
  void rowsWrittenTwiceAcrossARestartApplyOnce() throws Exception {
    RowChange v1 = TestTables.insert(PERSON, 100, i(1), s("v1"));
    RowChange v2 =
        TestTables.update(PERSON, 180, image(PERSON, i(1), s("v1")), image(PERSON, i(1), s("v2")));
    RowChange v3 =
        TestTables.update(PERSON, 220, image(PERSON, i(1), s("v2")), image(PERSON, i(1), s("v3")));
    try (FileSink first = open()) {
      first.write(List.of(v1, v2, v3));
      flush(first, PERSON, 230);
    }
    try (FileSink second = open()) {
      second.write(List.of(v2));
      flush(second, PERSON, 200);
      second.write(List.of(v3));
      flush(second, PERSON, 250);
    }
    assertThat(Files.exists(dir.resolve("cdc/person/100-220.json"))).isTrue();
    assertThat(Files.exists(dir.resolve("cdc/person/180-180.json"))).isTrue();
    Replay r = new FileSinkReader(dir).replay();
    assertThat(r.rows("cdc", "person"))
        .containsExactly(Map.entry(key("1"), row("id", "1", "name", "v3")));
    assertThat(r.duplicatesSkipped()).isEqualTo(2);
  }

  @Test
  void ddlShapesTheReplay() throws Exception {
    List<ColumnInfo> cols = new ArrayList<>(PERSON.info().columns());
    cols.add(ColumnInfo.of(3, "age", 2, FieldType.of(MysqlType.LONG)).withDefault("7"));
    TableDef withAge = new TableDef(1, "cdc", PERSON.info().toBuilder().columns(cols).build());
    TableDef people = new TableDef(1, "cdc", withAge.info().toBuilder().name("people").build());
    TableDef other =
        TestTables.intPkTable("other", 50, "t", List.of(TestTables.pkInt()), List.of("id"));
    try (FileSink sink = open()) {
      sink.write(
          List.of(
              TestTables.insert(PERSON, 100, i(1), s("a")),
              TestTables.insert(PERSON, 100, i(2), s("b"))));
      sink.write(List.of(TestTables.insert(other, 100, i(9))));
      flush(sink, PERSON, 100);
      flush(sink, other, 100);
      sink.writeDdl(
              DdlEvent.of(
                      ActionType.ADD_COLUMN,
                      "cdc",
                      "person",
                      "ALTER TABLE person ADD age INT DEFAULT 7",
                      110)
                  .withTableAfter(withAge))
          .get(10, TimeUnit.SECONDS);
      sink.write(List.of(TestTables.insert(withAge, 120, i(3), s("c"), i(30))));
      flush(sink, withAge, 120);
      sink.writeDdl(
              DdlEvent.of(
                      ActionType.RENAME_TABLE,
                      "cdc",
                      "people",
                      "RENAME TABLE `cdc`.`person` TO `cdc`.`people`",
                      130)
                  .withTableAfter(people))
          .get(10, TimeUnit.SECONDS);
      sink.write(List.of(TestTables.insert(people, 140, i(4), s("d"), i(40))));
      flush(sink, people, 140);
      sink.writeDdl(DdlEvent.of(ActionType.DROP_SCHEMA, "other", "", "DROP DATABASE other", 150))
          .get(10, TimeUnit.SECONDS);
    }
    Replay r = new FileSinkReader(dir).replay();
    assertThat(r.rows("cdc", "person")).isEmpty();
    assertThat(r.tables().keySet()).extracting(Object::toString).containsExactly("cdc.people");
    assertThat(r.rows("cdc", "people"))
        .containsExactly(
            Map.entry(key("1"), row("id", "1", "name", "a", "age", "7")),
            Map.entry(key("2"), row("id", "2", "name", "b", "age", "7")),
            Map.entry(key("3"), row("id", "3", "name", "c", "age", "30")),
            Map.entry(key("4"), row("id", "4", "name", "d", "age", "40")));

    try (FileSink sink = open()) {
      sink.writeDdl(
              DdlEvent.of(ActionType.TRUNCATE_TABLE, "cdc", "people", "TRUNCATE TABLE people", 160)
                  .withTableAfter(people))
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(new FileSinkReader(dir).replay().rows("cdc", "people")).isEmpty();
    assertThat(new FileSinkReader(dir).replayUpTo(155).rows("cdc", "people")).hasSize(4);
  }

  /**
   * Lines TiCDC itself wrote (pingcap/tiflow canal_json_txn_event_decoder_test.go, table
   * test.employee): data before old, no _tidb, so the file names give the commit ts.
   */
  @Test
  void readsMessagesAsTiCdcWroteThem() throws Exception {
    String insert =
        "{\"id\":0,\"database\":\"test\",\"table\":\"employee\",\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"INSERT\",\"es\":1668067205238,\"ts\":1668067206650,\"sql\":\"\",\"sqlType\":{\"FirstName\":12,\"HireDate\":91,\"LastName\":12,\"OfficeLocation\":12,\"id\":4},\"mysqlType\":{\"FirstName\":\"varchar\",\"HireDate\":\"date\",\"LastName\":\"varchar\",\"OfficeLocation\":\"varchar\",\"id\":\"int\"},\"data\":[{\"FirstName\":\"Bob\",\"HireDate\":\"2014-06-04\",\"LastName\":\"Smith\",\"OfficeLocation\":\"New York\",\"id\":\"101\"}],\"old\":null}";
    String update =
        "{\"id\":0,\"database\":\"test\",\"table\":\"employee\",\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"UPDATE\",\"es\":1668067229137,\"ts\":1668067230720,\"sql\":\"\",\"sqlType\":{\"FirstName\":12,\"HireDate\":91,\"LastName\":12,\"OfficeLocation\":12,\"id\":4},\"mysqlType\":{\"FirstName\":\"varchar\",\"HireDate\":\"date\",\"LastName\":\"varchar\",\"OfficeLocation\":\"varchar\",\"id\":\"int\"},\"data\":[{\"FirstName\":\"Bob\",\"HireDate\":\"2015-10-08\",\"LastName\":\"Smith\",\"OfficeLocation\":\"Los Angeles\",\"id\":\"101\"}],\"old\":[{\"FirstName\":\"Bob\",\"HireDate\":\"2014-06-04\",\"LastName\":\"Smith\",\"OfficeLocation\":\"New York\",\"id\":\"101\"}]}";
    String delete =
        "{\"id\":0,\"database\":\"test\",\"table\":\"employee\",\"pkNames\":[\"id\"],\"isDdl\":false,\"type\":\"DELETE\",\"es\":1668067230388,\"ts\":1668067231725,\"sql\":\"\",\"sqlType\":{\"FirstName\":12,\"HireDate\":91,\"LastName\":12,\"OfficeLocation\":12,\"id\":4},\"mysqlType\":{\"FirstName\":\"varchar\",\"HireDate\":\"date\",\"LastName\":\"varchar\",\"OfficeLocation\":\"varchar\",\"id\":\"int\"},\"data\":[{\"FirstName\":\"Bob\",\"HireDate\":\"2015-10-08\",\"LastName\":\"Smith\",\"OfficeLocation\":\"Los Angeles\",\"id\":\"101\"}],\"old\":null}";
    Path t = Files.createDirectories(dir.resolve("test/employee"));
    Files.writeString(t.resolve("1-2.json"), insert + "\r\n" + update + "\r\n");
    Files.writeString(t.resolve("3-3.json"), delete + "\r\n");
    FileSinkReader reader = new FileSinkReader(dir);
    assertThat(reader.replayUpTo(2).rows("test", "employee"))
        .containsExactly(
            Map.entry(
                key("101"),
                row(
                    "FirstName",
                    "Bob",
                    "HireDate",
                    "2015-10-08",
                    "LastName",
                    "Smith",
                    "OfficeLocation",
                    "Los Angeles",
                    "id",
                    "101")));
    Replay all = reader.replay();
    assertThat(all.rows("test", "employee")).isEmpty();
    assertThat(all.rowsApplied()).isEqualTo(3);
  }

  @Test
  void missingDirectoryReplaysEmpty() throws Exception {
    Replay r = new FileSinkReader(dir.resolve("nothing-here")).replay();
    assertThat(r.tables()).isEmpty();
    assertThat(r.checkpointTs()).isEmpty();
  }

  @Test
  void namesThatAreNotPathSafeAreEscaped() throws Exception {
    TableDef odd =
        TestTables.intPkTable("a/b", 60, "..", List.of(TestTables.pkInt()), List.of("id"));
    try (FileSink sink =
        new FileSink(
            FileSinkConfig.of(
                dir, EncoderConfig.defaults(Protocol.CANAL_JSON).withTidbExtension(true)),
            new RecordingFs())) {
      sink.write(List.of(TestTables.insert(odd, 100, i(1))));
      flush(sink, odd, 100);
    }
    assertThat(Files.exists(dir.resolve("a%2Fb/%2E%2E/100-100.json"))).isTrue();
    assertThat(new FileSinkReader(dir).replay().rows("a/b", "..")).containsOnlyKeys(key("1"));
  }
}
