package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.sim.sql.Session;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline with one 1,000,000-row transaction: simulator → standalone changefeed in a
 * child JVM with {@code -Xmx512m} → {@code file://} sink. The changefeed runs before the
 * transaction starts, so its prewrites arrive live and the matcher has to hold (or evict) them.
 * Every row must arrive, in one data file (a transaction is never split by a checkpoint), and the
 * child must stop cleanly. About 40 s on dev-2c; {@code -DhugeTxn.rows=N} runs a smaller one, and
 * {@code -DhugeTxn.heapDumpDir=DIR} keeps a heap dump if the child runs out of memory.
 */
@Tag("slow")
class HugeTransactionEndToEndTest {
  static final int ROWS = Integer.getInteger("hugeTxn.rows", 1_000_000);
  private static final int INSERT_BATCH = 10_000;
  private static final List<String> COLUMNS = List.of("id", "k", "c");
  private static final String SORTER_MEMORY = "worker: {sorterMemory: 64Mi}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  @TempDir Path tmp;

  @Test
  void millionRowTransactionReplicatesWithA512MibHeap() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      long startTs = up.now();
      up.sql(
          "CREATE DATABASE huge; CREATE TABLE huge.t (id BIGINT PRIMARY KEY, k INT, c CHAR(40));");
      Path out = tmp.resolve("out");
      Path yaml = tmp.resolve("cf.yaml");
      String cf =
          up.changefeedYaml(
              "huge", "file://" + out + "?protocol=canal-json", "startTs: " + startTs);
      // The default sorter memory (1 GiB): the heap cap, a quarter of 512 MiB, is what limits it.
      assertThat(cf).contains(SORTER_MEMORY);
      Files.writeString(yaml, cf.replace(SORTER_MEMORY, "worker: {}"));
      Path data = tmp.resolve("data");
      FilePositionStore pos = new FilePositionStore(data.resolve("default/huge"), "default/huge");
      Path gcLog = tmp.resolve("gc.log");
      Path childLog = tmp.resolve("child.log");
      Process child = startChild(yaml, data, gcLog, childLog);
      try {
        long ready = up.now();
        awaitCheckpoint(pos, ready, child, 60, childLog);

        long t0 = System.nanoTime();
        long commitTs = insertOneTransaction(up);
        long t1 = System.nanoTime();
        awaitCheckpoint(pos, commitTs, child, 300, childLog);
        long t2 = System.nanoTime();

        child.getOutputStream().close(); // asks the child to stop cleanly
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child stopped").isTrue();
        String log = Files.readString(childLog);
        assertThat(log).doesNotContain("OutOfMemoryError");
        assertThat(child.exitValue()).as("child output:%n%s", tail(log)).isZero();
        Matcher outcome =
            Pattern.compile("outcome STOPPED peakHeapMiB=(\\d+) maxHeapMiB=(\\d+)").matcher(log);
        assertThat(outcome.find()).as("child output:%n%s", tail(log)).isTrue();

        OptionalLong sinkCheckpoint = new FileSinkReader(out).checkpointTs();
        assertThat(sinkCheckpoint).isPresent();
        assertThat(Long.compareUnsigned(sinkCheckpoint.getAsLong(), commitTs)).isNotNegative();
        long t3 = System.nanoTime();
        // One published file holds the whole transaction: no checkpoint fell inside it.
        List<Path> files = dataFiles(out.resolve("huge").resolve("t"));
        assertThat(files)
            .extracting(f -> f.getFileName().toString())
            .containsExactly(commitTs + "-" + commitTs + ".json");
        checkRows(files.get(0), commitTs);
        long t4 = System.nanoTime();

        int[] gc = gcPeaks(gcLog);
        System.out.printf(
            "huge transaction: %,d rows committed upstream in %.1f s; checkpoint passed its"
                + " commit %.1f s later (%.1f s from the first row); child heap: max %s MiB (%d"
                + " committed), peak pool sum %s MiB, largest heap before a GC %d MiB, largest after %d MiB,"
                + " %d GCs (%d full); checks %.1f s%n",
            ROWS,
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            (t2 - t0) / 1e9,
            outcome.group(2),
            gc[2],
            outcome.group(1),
            gc[0],
            gc[1],
            gc[3],
            gc[4],
            (t4 - t3) / 1e9);
        assertThat(Integer.parseInt(outcome.group(2)))
            .as("the child's heap limit")
            .isLessThanOrEqualTo(512);
      } finally {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private Process startChild(Path yaml, Path data, Path gcLog, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx512m");
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Xlog:gc:file=" + gcLog);
    String dump = System.getProperty("hugeTxn.heapDumpDir");
    if (dump != null) {
      cmd.add("-XX:+HeapDumpOnOutOfMemoryError");
      cmd.add("-XX:HeapDumpPath=" + dump);
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            HeapReportingChild.class.getName(),
            yaml.toString(),
            data.toString()));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Inserts ids 1..ROWS in one explicit transaction; returns its commit ts. */
  private static long insertOneTransaction(SimUpstream up) {
    try (Session s = up.engine.newSession()) {
      s.begin();
      for (int from = 1; from <= ROWS; from += INSERT_BATCH) {
        List<List<Object>> batch = new ArrayList<>(INSERT_BATCH);
        for (long id = from; id < from + INSERT_BATCH && id <= ROWS; id++) {
          batch.add(List.of(id, id % 1000, "row-" + id));
        }
        s.insert("huge", "t", COLUMNS, batch, false);
      }
      return s.commit().orElseThrow();
    }
  }

  private static void awaitCheckpoint(
      FilePositionStore pos, long atLeast, Process child, int seconds, Path log) throws Exception {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      OptionalLong cp;
      try {
        cp = pos.loadCheckpoint();
      } catch (IOException e) {
        cp = OptionalLong.empty(); // read while the file is replaced
      }
      if (cp.isPresent() && Long.compareUnsigned(cp.getAsLong(), atLeast) >= 0) {
        return;
      }
      if (!child.isAlive()) {
        throw new AssertionError("the changefeed process ended:%n%s".formatted(tail(log)));
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "checkpoint did not reach %d in %d s; the changefeed's output:%n%s"
            .formatted(atLeast, seconds, tail(log)));
  }

  /** The table directory's files, in-progress ones included (there must be none). */
  private static List<Path> dataFiles(Path tableDir) throws IOException {
    try (Stream<Path> s = Files.list(tableDir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * Every line is an INSERT at {@code commitTs} of a row as {@link #insertOneTransaction} wrote it,
   * and every id from 1 to {@link #ROWS} comes exactly once. Streams the file: it is large.
   */
  private static void checkRows(Path file, long commitTs) throws IOException {
    BitSet seen = new BitSet(ROWS + 1);
    long lines = 0;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank()) {
          continue;
        }
        lines++;
        JsonNode msg = JSON.readTree(line);
        String where = file.getFileName() + ":" + lines;
        assertThat(msg.path("type").asText()).as(where).isEqualTo("INSERT");
        assertThat(msg.path("_tidb").path("commitTs").asLong()).as(where).isEqualTo(commitTs);
        for (JsonNode row : msg.path("data")) {
          long id = Long.parseLong(row.path("id").asText());
          assertThat(id).as(where).isBetween(1L, (long) ROWS);
          assertThat(seen.get((int) id)).as("%s: id %d again", where, id).isFalse();
          seen.set((int) id);
          if (!row.path("k").asText().equals(Long.toString(id % 1000))
              || !row.path("c").asText().equals("row-" + id)) {
            throw new AssertionError(where + ": wrong values for id " + id + ": " + row);
          }
        }
      }
    }
    assertThat(seen.cardinality()).as("distinct ids downstream").isEqualTo(ROWS);
  }

  /**
   * From {@code -Xlog:gc}: the largest heap before a GC and after one, the largest committed heap
   * (MiB), the number of GCs and of full GCs.
   */
  private static int[] gcPeaks(Path gcLog) throws IOException {
    int[] r = new int[5];
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_PAUSE.matcher(line);
      if (m.find()) {
        r[0] = Math.max(r[0], Integer.parseInt(m.group(1)));
        r[1] = Math.max(r[1], Integer.parseInt(m.group(2)));
        r[2] = Math.max(r[2], Integer.parseInt(m.group(3)));
        r[3]++;
        if (line.contains("Pause Full")) {
          r[4]++;
        }
      }
    }
    return r;
  }

  private static String tail(Path log) throws IOException {
    return tail(Files.readString(log));
  }

  private static String tail(String log) {
    return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
  }
}
