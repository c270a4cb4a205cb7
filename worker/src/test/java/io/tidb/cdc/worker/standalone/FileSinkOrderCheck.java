package io.tidb.cdc.worker.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a canal-json file sink's raw data files ({@code DIR/db/table[/partition]/FIRST-LAST.json},
 * rows carrying {@code _tidb.commitTs}) in layout order and reports ordering violations: a key
 * whose commit ts goes back, a transaction split across files, file ranges that overlap or go back,
 * rows outside their file's range. Deliberately independent of the main reader, so it checks the
 * files rather than the reader's tolerance of them.
 */
public final class FileSinkOrderCheck {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern DATA_FILE =
      Pattern.compile("(\\d+)-(\\d+)(?:@[A-Za-z0-9._-]+)?\\.json");
  private static final Pattern SCHEMA_FILE = Pattern.compile("schema_(\\d+)_\\d+\\.json");

  private FileSinkOrderCheck() {}

  /** One data file: its table directory, commit ts range and when it was last written. */
  record DataFile(String table, Path path, long first, long last, Instant written) {}

  /** One row change: table, primary key values, commit ts and where it was read. */
  record Row(String table, String key, long commitTs, DataFile file, int line) {
    String where() {
      return file.path().getFileName() + ":" + line;
    }
  }

  /** Every data file and its rows, per table directory, in layout order. */
  record SinkFiles(Map<String, List<DataFile>> files, Map<DataFile, List<Row>> rows) {}

  /** Violations of a sink written by one process: everything must be strictly in order. */
  public static List<String> check(Path dir) throws IOException {
    SinkFiles all = read(dir);
    List<String> out = new ArrayList<>();
    all.files().forEach((table, files) -> checkRun(table, files, all.rows(), out));
    return out;
  }

  /**
   * Violations of a sink written by a process killed and restarted at {@code restartedAt}, the
   * second resuming from checkpoint {@code resumedFrom}. Files written before the restart and after
   * it must each be in order; the second run must write nothing at or below {@code resumedFrom} and
   * must write again every row the first run wrote above it (re-delivery, never a gap).
   */
  static List<String> checkAcrossRestart(Path dir, Instant restartedAt, long resumedFrom)
      throws IOException {
    SinkFiles all = read(dir);
    List<String> out = new ArrayList<>();
    all.files()
        .forEach(
            (table, files) -> {
              List<DataFile> before =
                  files.stream().filter(f -> f.written().isBefore(restartedAt)).toList();
              List<DataFile> after =
                  files.stream().filter(f -> !f.written().isBefore(restartedAt)).toList();
              checkRun(table + " (first run)", before, all.rows(), out);
              checkRun(table + " (second run)", after, all.rows(), out);
              Set<String> rewritten = new HashSet<>();
              for (DataFile f : after) {
                for (Row r : all.rows().get(f)) {
                  if (Long.compareUnsigned(r.commitTs(), resumedFrom) <= 0) {
                    out.add(
                        "%s: %s key %s commitTs %s is at or below the resumed checkpoint %s"
                            .formatted(table, r.where(), r.key(), u(r.commitTs()), u(resumedFrom)));
                  }
                  rewritten.add(r.key() + "@" + r.commitTs());
                }
              }
              for (DataFile f : before) {
                for (Row r : all.rows().get(f)) {
                  if (Long.compareUnsigned(r.commitTs(), resumedFrom) > 0
                      && !rewritten.contains(r.key() + "@" + r.commitTs())) {
                    out.add(
                        "%s: %s key %s commitTs %s is above the resumed checkpoint %s but the second run did not write it again"
                            .formatted(table, r.where(), r.key(), u(r.commitTs()), u(resumedFrom)));
                  }
                }
              }
            });
    return out;
  }

  /**
   * Violations of DDL order, from each table's {@code meta/schema_VERSION_CHECKSUM.json}: no data
   * file holds rows from both sides of a DDL, and no file of rows committed after a DDL was written
   * before the DDL's schema file (by modification time).
   */
  public static List<String> checkDdlOrder(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    Map<String, List<DataFile>> files = read(dir).files();
    for (Path db : dirs(dir)) {
      for (Path t : dirs(db)) {
        Path meta = t.resolve("meta");
        if (!Files.isDirectory(meta)) {
          continue;
        }
        String table = db.getFileName() + "/" + t.getFileName();
        for (Path schema : regularFiles(meta)) {
          Matcher m = SCHEMA_FILE.matcher(schema.getFileName().toString());
          if (!m.matches()) {
            continue;
          }
          long version = Long.parseUnsignedLong(m.group(1));
          Instant written = Files.getLastModifiedTime(schema).toInstant();
          for (Map.Entry<String, List<DataFile>> e : files.entrySet()) {
            if (!e.getKey().equals(table) && !e.getKey().startsWith(table + "/")) {
              continue;
            }
            for (DataFile f : e.getValue()) {
              String name = e.getKey() + "/" + f.path().getFileName();
              if (Long.compareUnsigned(f.first(), version) < 0
                  && Long.compareUnsigned(f.last(), version) >= 0) {
                out.add(
                    "%s holds rows from both sides of the DDL at %s (%s)"
                        .formatted(name, u(version), schema.getFileName()));
              }
              if (Long.compareUnsigned(f.first(), version) >= 0 && f.written().isBefore(written)) {
                out.add(
                    "%s, committed after the DDL at %s, was written before %s"
                        .formatted(name, u(version), schema.getFileName()));
              }
            }
          }
        }
      }
    }
    return out;
  }

  /** Every data file in the directory, per table in layout order. */
  static List<DataFile> dataFiles(Path dir) throws IOException {
    return read(dir).files().values().stream().flatMap(List::stream).toList();
  }

  /** The commit ts of every row in the directory, for checking that nothing upstream is lost. */
  static Set<Long> commitTsValues(Path dir) throws IOException {
    Set<Long> out = new TreeSet<>();
    for (List<Row> rows : read(dir).rows().values()) {
      rows.forEach(r -> out.add(r.commitTs()));
    }
    return out;
  }

  private static void checkRun(
      String table, List<DataFile> files, Map<DataFile, List<Row>> rows, List<String> out) {
    DataFile prev = null;
    Map<String, Row> lastOfKey = new HashMap<>();
    Map<Long, DataFile> fileOfTxn = new HashMap<>();
    for (DataFile f : files) {
      String name = f.path().getFileName().toString();
      if (Long.compareUnsigned(f.first(), f.last()) > 0) {
        out.add("%s: %s has its first commit ts above its last".formatted(table, name));
      }
      if (prev != null && Long.compareUnsigned(f.first(), prev.last()) <= 0) {
        out.add("%s: %s overlaps or precedes %s".formatted(table, name, prev.path().getFileName()));
      }
      prev = f;
      for (Row r : rows.get(f)) {
        if (Long.compareUnsigned(r.commitTs(), f.first()) < 0
            || Long.compareUnsigned(r.commitTs(), f.last()) > 0) {
          out.add(
              "%s: %s commitTs %s is outside the file's range"
                  .formatted(table, r.where(), u(r.commitTs())));
        }
        Row before = lastOfKey.put(r.key(), r);
        if (before != null && Long.compareUnsigned(r.commitTs(), before.commitTs()) < 0) {
          out.add(
              "%s: key %s goes back from commitTs %s (%s) to %s (%s)"
                  .formatted(
                      table,
                      r.key(),
                      u(before.commitTs()),
                      before.where(),
                      u(r.commitTs()),
                      r.where()));
        }
        DataFile txnFile = fileOfTxn.putIfAbsent(r.commitTs(), f);
        if (txnFile != null && !txnFile.equals(f)) {
          out.add(
              "%s: transaction %s is split across %s and %s"
                  .formatted(table, u(r.commitTs()), txnFile.path().getFileName(), name));
        }
      }
    }
  }

  private static SinkFiles read(Path dir) throws IOException {
    Map<String, List<DataFile>> files = new HashMap<>();
    Map<DataFile, List<Row>> rows = new HashMap<>();
    for (Path db : dirs(dir)) {
      for (Path t : dirs(db)) {
        String table = db.getFileName() + "/" + t.getFileName();
        List<Path> tableDirs = new ArrayList<>(List.of(t));
        for (Path p : dirs(t)) {
          if (p.getFileName().toString().chars().allMatch(Character::isDigit)) {
            tableDirs.add(p); // a partition's files are ordered on their own
          }
        }
        for (Path d : tableDirs) {
          String name = d.equals(t) ? table : table + "/" + d.getFileName();
          List<DataFile> list = new ArrayList<>();
          for (Path f : regularFiles(d)) {
            Matcher m = DATA_FILE.matcher(f.getFileName().toString());
            if (m.matches()) {
              list.add(
                  new DataFile(
                      name,
                      f,
                      Long.parseUnsignedLong(m.group(1)),
                      Long.parseUnsignedLong(m.group(2)),
                      Files.getLastModifiedTime(f).toInstant()));
            }
          }
          list.sort(
              Comparator.comparing(DataFile::first, Long::compareUnsigned)
                  .thenComparing(DataFile::last, Long::compareUnsigned));
          if (!list.isEmpty()) {
            files.put(name, list);
          }
          for (DataFile f : list) {
            rows.put(f, rowsOf(f));
          }
        }
      }
    }
    return new SinkFiles(files, rows);
  }

  private static List<Row> rowsOf(DataFile f) throws IOException {
    List<Row> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(f.path(), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode msg = MAPPER.readTree(lines.get(i));
      if (msg.path("isDdl").asBoolean(false)
          || !List.of("INSERT", "UPDATE", "DELETE").contains(msg.path("type").asText())) {
        continue;
      }
      JsonNode ts = msg.path("_tidb").path("commitTs");
      if (!ts.isIntegralNumber()) {
        throw new IOException(f.path() + ":" + (i + 1) + " has no _tidb.commitTs");
      }
      for (JsonNode data : msg.path("data")) {
        StringBuilder key = new StringBuilder();
        for (JsonNode pk : msg.path("pkNames")) {
          key.append(key.isEmpty() ? "" : ",").append(data.path(pk.asText()).asText("NULL"));
        }
        out.add(new Row(f.table(), key.toString(), ts.bigIntegerValue().longValue(), f, i + 1));
      }
    }
    return out;
  }

  private static List<Path> dirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().equals("meta"))
          .sorted()
          .toList();
    }
  }

  private static List<Path> regularFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static String u(long ts) {
    return Long.toUnsignedString(ts);
  }
}
