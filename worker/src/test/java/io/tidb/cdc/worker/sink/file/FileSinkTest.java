package io.tidb.cdc.worker.sink.file;

import static io.tidb.cdc.worker.encoder.TestTables.i;
import static io.tidb.cdc.worker.encoder.TestTables.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.PartitionDefinition;
import io.tidb.cdc.tidb.meta.PartitionInfo;
import io.tidb.cdc.tidb.meta.PartitionType;
import io.tidb.cdc.tidb.types.MysqlType;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.EncoderFactory;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.TestTables;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.schema.TableDef;
import io.tidb.cdc.worker.sink.SinkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
  static final TableDef PERSON =
      TestTables.intPkTable(
          "cdc",
          30,
          "person",
          List.of(TestTables.pkInt(), TestTables.text(MysqlType.VARCHAR, 32)),
          List.of("id", "name"));

  @TempDir Path dir;

  static EncoderConfig encoderConfig() {
    return EncoderConfig.defaults(Protocol.CANAL_JSON).withTidbExtension(true).withClock(CLOCK);
  }

  FileSink open(RecordingFs fs) throws IOException {
    return new FileSink(FileSinkConfig.of(dir, encoderConfig()), fs);
  }

  static RowChange row(long commitTs, int id, String name) {
    return TestTables.insert(PERSON, commitTs, i(id), s(name));
  }

  /** The lines a file should hold: each row's canal-json message, CRLF-terminated. */
  static String lines(RowChange... rows) {
    Encoder enc = EncoderFactory.create(encoderConfig());
    StringBuilder sb = new StringBuilder();
    for (RowChange r : rows) {
      sb.append(new String(enc.encodeRow(r).value(), StandardCharsets.UTF_8)).append("\r\n");
    }
    return sb.toString();
  }

  List<String> files() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void flushPublishesOneFilePerTableAndCommitRange() throws Exception {
    RecordingFs fs = new RecordingFs();
    try (FileSink sink = open(fs)) {
      RowChange a = row(100, 1, "a");
      RowChange b = row(100, 2, "b");
      RowChange c = row(110, 3, "c");
      sink.write(List.of(a, b));
      sink.write(List.of(c));
      assertThat(sink.flush(PERSON.id(), 120).get(10, TimeUnit.SECONDS)).isEqualTo(120);
      Path data = dir.resolve("cdc/person/100-110.json");
      assertThat(Files.readString(data)).isEqualTo(lines(a, b, c));
      SchemaDefinition def = SchemaDefinition.ofTable("cdc", PERSON.info(), 100, "", 0);
      assertThat(files())
          .containsExactly("cdc/person/100-110.json", "cdc/person/meta/" + def.fileName());
      assertThat(sink.stats().rowsWritten()).isEqualTo(3);
      assertThat(sink.stats().rowsFlushed()).isEqualTo(3);
      // A flush with nothing new is a no-op that still reports the table's checkpoint.
      assertThat(sink.flush(PERSON.id(), 130).get(10, TimeUnit.SECONDS)).isEqualTo(130);
      assertThat(sink.flush(999, 130).get(10, TimeUnit.SECONDS)).isEqualTo(130);
      assertThat(files()).hasSize(2);
    }
  }

  /** Rows above the flush ts move to the next file; a transaction never spans two files. */
  @Test
  void flushCutsOnTransactionBoundaries() throws Exception {
    try (FileSink sink = open(new RecordingFs())) {
      RowChange t100 = row(100, 1, "a");
      RowChange t110 = row(110, 2, "b");
      RowChange t120a = row(120, 3, "c");
      RowChange t120b = row(120, 4, "d");
      sink.write(List.of(t100, t110, t120a));
      sink.write(List.of(t120b)); // the rest of the transaction at 120, in another call
      sink.flush(PERSON.id(), 115).get(10, TimeUnit.SECONDS);
      assertThat(Files.readString(dir.resolve("cdc/person/100-110.json")))
          .isEqualTo(lines(t100, t110));
      sink.flush(PERSON.id(), 119).get(10, TimeUnit.SECONDS);
      // The transaction at 120 waits in the in-progress file.
      assertThat(files())
          .filteredOn(f -> !f.contains("meta"))
          .containsExactly("cdc/person/.30.120.json.tmp", "cdc/person/100-110.json");
      RowChange t130 = row(130, 5, "e");
      sink.write(List.of(t130));
      sink.flush(PERSON.id(), 120).get(10, TimeUnit.SECONDS);
      assertThat(Files.readString(dir.resolve("cdc/person/120-120.json")))
          .isEqualTo(lines(t120a, t120b));
      sink.flush(PERSON.id(), 200).get(10, TimeUnit.SECONDS);
      assertThat(Files.readString(dir.resolve("cdc/person/130-130.json"))).isEqualTo(lines(t130));
      assertThat(sink.stats().rowsFlushed()).isEqualTo(5);
    }
  }

  /** The flush future completes only after the file is synced, renamed and its directory synced. */
  @Test
  void flushCompletesOnlyOnceDataIsDurable() throws Exception {
    RecordingFs fs = new RecordingFs();
    try (FileSink sink = open(fs)) {
      sink.write(List.of(row(100, 1, "a")));
      CountDownLatch hold = new CountDownLatch(1);
      fs.holdPublish = hold;
      CompletableFuture<Long> flushed = sink.flush(PERSON.id(), 100);
      assertThat(fs.publishReached.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(100);
      assertThat(flushed).isNotDone();
      assertThat(Files.exists(dir.resolve("cdc/person/100-100.json"))).isFalse();
      fs.holdPublish = null;
      hold.countDown();
      flushed.thenRun(() -> fs.record("flushed")).get(10, TimeUnit.SECONDS);
      List<String> ev = fs.events();
      assertThat(ev)
          .containsSubsequence(
              "force .30.100.json.tmp", "publish 100-100.json", "syncDir person", "flushed");
    }
  }

  /** checkpoint.json is written atomically, after the data it covers is durable. */
  @Test
  void checkpointFollowsTheDataItCovers() throws Exception {
    RecordingFs fs = new RecordingFs();
    try (FileSink sink = open(fs)) {
      sink.write(List.of(row(100, 1, "a"), row(140, 2, "b")));
      CompletableFuture<Void> early = sink.writeCheckpoint(150);
      assertThatThrownBy(() -> early.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SinkException.class)
          .hasMessageContaining(
              "checkpoint 150 is not below the unflushed rows of cdc.person at commit ts 100")
          .hasMessageContaining("flush the table first");
      assertThat(Files.exists(dir.resolve(CheckpointFile.NAME))).isFalse();
      sink.flush(PERSON.id(), 120).get(10, TimeUnit.SECONDS);
      sink.writeCheckpoint(120).get(10, TimeUnit.SECONDS); // the row at 140 is above: fine
      assertThat(Files.readString(dir.resolve(CheckpointFile.NAME)))
          .isEqualTo("{\"checkpoint-ts\":120}");
      assertThat(CheckpointFile.read(dir)).hasValue(120);
      List<String> ev = fs.events();
      assertThat(ev.indexOf("publish 100-100.json"))
          .isLessThan(ev.indexOf("publish checkpoint.json"));
      assertThat(ev)
          .containsSubsequence(
              "force checkpoint.json.tmp",
              "publish checkpoint.json",
              "syncDir " + dir.getFileName());
    }
  }

  @Test
  void ddlWritesTiCdcSchemaFiles() throws Exception {
    try (FileSink sink = open(new RecordingFs())) {
      sink.writeDdl(DdlEvent.of(ActionType.CREATE_SCHEMA, "cdc", "", "CREATE DATABASE `cdc`", 90))
          .get(10, TimeUnit.SECONDS);
      DdlEvent create =
          DdlEvent.of(
                  ActionType.CREATE_TABLE,
                  "cdc",
                  "person",
                  "CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(32))",
                  95)
              .withTableAfter(PERSON);
      sink.writeDdl(create).get(10, TimeUnit.SECONDS);
      sink.write(List.of(row(100, 1, "a")));
      sink.flush(PERSON.id(), 100).get(10, TimeUnit.SECONDS);
      SchemaDefinition db = SchemaDefinition.ofDatabase("cdc", 90, "CREATE DATABASE `cdc`", 1);
      SchemaDefinition table =
          SchemaDefinition.ofTable("cdc", PERSON.info(), 95, create.query(), 3);
      // The rows' table version has the same checksum as the DDL's: no second schema file.
      assertThat(files())
          .containsExactly(
              "cdc/meta/" + db.fileName(),
              "cdc/person/100-100.json",
              "cdc/person/meta/" + table.fileName());
      assertThat(Files.readAllBytes(dir.resolve("cdc/person/meta/" + table.fileName())))
          .isEqualTo(table.toJson());
      assertThat(sink.stats().ddls()).isEqualTo(2);
    }
  }

  @Test
  void partitionsGetTheirOwnDirectories() throws Exception {
    TableDef part =
        new TableDef(
            1,
            "cdc",
            PERSON.info().toBuilder()
                .partition(
                    PartitionInfo.of(
                        PartitionType.RANGE,
                        "`id`",
                        List.<CIStr>of(),
                        List.of(
                            PartitionDefinition.range(41, "p0", List.of("100")),
                            PartitionDefinition.range(42, "p1", List.of("MAXVALUE")))))
                .build());
    RowChange r =
        new RowChange(
            part,
            42,
            99,
            100,
            io.tidb.cdc.worker.mounter.RowChangeType.INSERT,
            new io.tidb.cdc.tidb.key.Handle.IntHandle(150),
            TestTables.image(part, i(150), s("x")),
            List.of(),
            io.tidb.cdc.worker.mounter.PreImage.NONE);
    try (FileSink sink = open(new RecordingFs())) {
      sink.write(List.of(r));
      sink.flush(42, 100).get(10, TimeUnit.SECONDS);
      assertThat(files()).contains("cdc/person/42/100-100.json");
    }
  }

  /** An I/O failure fails the pending future and every later call, naming the cause. */
  @Test
  void ioFailureFailsTheSink() throws Exception {
    RecordingFs fs = new RecordingFs();
    fs.failPublishOf = "100-100.json";
    try (FileSink sink = open(fs)) {
      sink.write(List.of(row(100, 1, "a")));
      CompletableFuture<Long> flushed = sink.flush(PERSON.id(), 100);
      assertThatThrownBy(() -> flushed.get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SinkException.class)
          .hasMessageContaining("file sink " + dir)
          .hasMessageContaining("disk full (injected) renaming .30.100.json.tmp");
      assertThatThrownBy(() -> sink.write(List.of(row(110, 2, "b"))))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("disk full (injected)");
      assertThatThrownBy(() -> sink.flush(PERSON.id(), 110)).isInstanceOf(SinkException.class);
    }
  }

  @Test
  void rowsOutOfCommitOrderAreRefused() throws Exception {
    try (FileSink sink = open(new RecordingFs())) {
      sink.write(List.of(row(100, 1, "a")));
      assertThatThrownBy(() -> sink.write(List.of(row(101, 2, "b"), row(99, 3, "c"))))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("went back in commit order: 99 after 101");
      sink.write(List.of(row(101, 2, "b"))); // the refused call left nothing behind
      sink.flush(PERSON.id(), 200).get(10, TimeUnit.SECONDS);
      assertThat(Files.readString(dir.resolve("cdc/person/100-101.json")))
          .isEqualTo(lines(row(100, 1, "a"), row(101, 2, "b")));
    }
  }

  /**
   * Unflushed rows are never published: close and removeTable discard them, a restart cleans up.
   */
  @Test
  void unflushedRowsAreDiscarded() throws Exception {
    FileSink sink = open(new RecordingFs());
    sink.write(List.of(row(100, 1, "a")));
    sink.removeTable(PERSON.id()).get(10, TimeUnit.SECONDS);
    sink.write(List.of(row(90, 1, "a"))); // a removed table starts afresh
    sink.flush(PERSON.id(), 90).get(10, TimeUnit.SECONDS);
    sink.write(List.of(row(200, 2, "b")));
    sink.close();
    sink.close();
    assertThat(files())
        .filteredOn(f -> !f.contains("meta"))
        .containsExactly("cdc/person/90-90.json");
    assertThatThrownBy(() -> sink.write(List.of(row(300, 3, "c"))))
        .hasMessageContaining("is closed");

    Files.writeString(dir.resolve("cdc/person/.30.400.json.tmp"), "{\"partial");
    try (FileSink again = open(new RecordingFs())) {
      assertThat(files()).noneMatch(f -> f.endsWith(".tmp"));
      assertThat(again.stats().rowsWritten()).isZero();
    }
  }

  /** A tiny queue budget only slows writers down: a transaction larger than it still passes. */
  @Test
  void queueBudgetBlocksWithoutDeadlock() throws Exception {
    try (FileSink sink =
        new FileSink(
            new FileSinkConfig(dir, encoderConfig(), "\n".getBytes(StandardCharsets.US_ASCII), 512),
            new RecordingFs())) {
      List<RowChange> expected = new ArrayList<>();
      for (int k = 0; k < 50; k++) {
        List<RowChange> batch = new ArrayList<>();
        for (int j = 0; j < 20; j++) {
          batch.add(row(1000 + k / 10, k * 20 + j, "n" + j));
        }
        sink.write(batch);
        expected.addAll(batch);
      }
      sink.flush(PERSON.id(), 2000).get(30, TimeUnit.SECONDS);
      String content = Files.readString(dir.resolve("cdc/person/1000-1004.json"));
      assertThat(content.split("\n")).hasSize(1000);
      assertThat(content)
          .isEqualTo(lines(expected.toArray(new RowChange[0])).replace("\r\n", "\n"));
    }
  }

  /** One transaction far larger than the queue budget streams to one file in chunks. */
  @Test
  void hugeTransactionStreamsInChunks() throws Exception {
    String big = "x".repeat(1024);
    List<RowChange> txn = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      txn.add(row(500, k, big));
    }
    FileSinkConfig config =
        new FileSinkConfig(
            dir, encoderConfig(), "\n".getBytes(StandardCharsets.US_ASCII), 64 << 10);
    try (FileSink sink = new FileSink(config, new RecordingFs())) {
      sink.write(txn);
      sink.flush(PERSON.id(), 500).get(30, TimeUnit.SECONDS);
      assertThat(sink.stats().bytesWritten()).isGreaterThan(3L * FileSink.CHUNK_BYTES);
    }
    assertThat(Files.readAllLines(dir.resolve("cdc/person/500-500.json"))).hasSize(3000);
  }
}
