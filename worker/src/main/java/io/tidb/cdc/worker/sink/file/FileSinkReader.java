package io.tidb.cdc.worker.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Replays a file sink's directory: every complete data file and schema file in commit order, into
 * table contents ({@link Replay}). In-progress {@code .tmp} files are ignored. Rows a restart wrote
 * twice (files whose ranges overlap) are applied once, using each row's {@code _tidb.commitTs};
 * without it, a file is skipped only when it lies wholly below what was applied. Files of several
 * writers (captures, whose names carry {@code @writer}) are read together: a table that moved
 * between captures continues in the new owner's files. Used by tests and by the demo's consistency
 * check.
 */
public final class FileSinkReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Path dir;

  public FileSinkReader(Path dir) {
    this.dir = dir;
  }

  /** The checkpoint the sink recorded, empty when none yet. */
  public OptionalLong checkpointTs() throws IOException {
    return CheckpointFile.read(dir);
  }

  /** Every complete file. */
  public Replay replay() throws IOException {
    return replayUpTo(-1L); // the largest unsigned ts
  }

  /** Changes with commit ts at or below {@code ts} (unsigned). */
  public Replay replayUpTo(long ts) throws IOException {
    Replay out = new Replay(checkpointTs());
    List<Entry> entries = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      for (Path db : list(dir)) {
        if (Files.isDirectory(db)) {
          String schema = FileLayout.unescape(db.getFileName().toString());
          for (Path t : list(db)) {
            if (Files.isDirectory(t)) {
              scanTableDir(
                  t, schema, FileLayout.unescape(t.getFileName().toString()), entries, out);
            }
          }
        }
      }
    }
    entries.sort(
        Comparator.<Entry, Long>comparing(e -> e.ts, Long::compareUnsigned)
            .thenComparing(e -> e.data)
            .thenComparing(e -> e.last, Long::compareUnsigned));
    for (Entry e : entries) {
      if (Long.compareUnsigned(e.ts, ts) > 0) {
        continue;
      }
      if (e.data) {
        applyDataFile(e, ts, out);
      } else {
        out.applySchema(e.schema, e.table, readJson(e.path), e.path);
      }
    }
    return out;
  }

  /** One file to replay: a data file (ts = first commit ts) or a schema file (ts = version). */
  private record Entry(long ts, boolean data, long last, String schema, String table, Path path) {}

  private void scanTableDir(Path tableDir, String schema, String table, List<Entry> out, Replay r)
      throws IOException {
    for (Path p : list(tableDir)) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        if (name.equals(FileLayout.META)) {
          for (Path f : list(p)) {
            addSchemaFile(f, schema, table, out, r);
          }
        } else if (name.chars().allMatch(Character::isDigit)) {
          for (Path f : list(p)) {
            addDataFile(f, schema, table, out, r); // a partition's directory
          }
        }
      } else if (name.startsWith("schema_")) {
        addSchemaFile(p, schema, "", out, r); // DIR/db/meta holds database definitions
      } else {
        addDataFile(p, schema, table, out, r);
      }
    }
  }

  private static void addDataFile(Path f, String schema, String table, List<Entry> out, Replay r) {
    String name = f.getFileName().toString();
    if (name.endsWith(FileLayout.TMP_SUFFIX)) {
      r.tmpFilesIgnored++;
      return;
    }
    long[] range = FileLayout.parseDataFileName(name);
    if (range != null && Files.isRegularFile(f)) {
      out.add(new Entry(range[0], true, range[1], schema, table, f));
    }
  }

  private static void addSchemaFile(
      Path f, String schema, String table, List<Entry> out, Replay r) {
    String name = f.getFileName().toString();
    if (name.endsWith(FileLayout.TMP_SUFFIX)) {
      r.tmpFilesIgnored++;
      return;
    }
    String[] parts = name.split("_");
    if (parts.length == 3 && parts[0].equals("schema") && name.endsWith(".json")) {
      try {
        out.add(new Entry(Long.parseUnsignedLong(parts[1]), false, 0, schema, table, f));
      } catch (NumberFormatException e) {
        r.warnings.add("ignored " + f + ": the version is not a number");
      }
    }
  }

  private void applyDataFile(Entry e, long upTo, Replay out) throws IOException {
    ReplayedTable table = out.table(e.schema, e.table);
    long before = table.appliedTs();
    if (Long.compareUnsigned(e.last, upTo) > 0) {
      out.warnings.add(
          e.path
              + " reaches past "
              + Long.toUnsignedString(upTo)
              + "; rows without _tidb.commitTs in it are applied whole");
    }
    try (BufferedReader in = Files.newBufferedReader(e.path, StandardCharsets.UTF_8)) {
      out.files++;
      boolean sawCommitTs = false;
      int lineNo = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode msg;
        try {
          msg = MAPPER.readTree(line);
        } catch (IOException ex) {
          throw new IOException(
              e.path + " line " + lineNo + " is not JSON: " + ex.getMessage(), ex);
        }
        String type = msg.path("type").asText("");
        if (msg.path("isDdl").asBoolean(false)
            || !List.of("INSERT", "UPDATE", "DELETE").contains(type)) {
          continue; // DDL and watermark messages carry no rows
        }
        JsonNode ts = msg.path("_tidb").path("commitTs");
        if (ts.isIntegralNumber()) {
          sawCommitTs = true;
          long commitTs = ts.bigIntegerValue().longValue();
          if (Long.compareUnsigned(commitTs, before) <= 0
              || Long.compareUnsigned(commitTs, upTo) > 0) {
            out.duplicatesSkipped += Long.compareUnsigned(commitTs, before) <= 0 ? 1 : 0;
            continue;
          }
          table.advance(commitTs);
        } else if (Long.compareUnsigned(e.last, before) <= 0) {
          out.duplicatesSkipped++;
          continue;
        }
        out.applyRow(table, type, msg, e.path, lineNo);
      }
      if (!sawCommitTs) {
        table.advance(e.last);
      }
    }
  }

  private static JsonNode readJson(Path f) throws IOException {
    try {
      return MAPPER.readTree(Files.readAllBytes(f));
    } catch (IOException ex) {
      throw new IOException(f + " is not a readable schema file: " + ex.getMessage(), ex);
    }
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().equals(CheckpointFile.NAME))
          .sorted()
          .toList();
    }
  }

  /** A table's database and name. */
  public record TableName(String schema, String table) {
    @Override
    public String toString() {
      return schema + "." + table;
    }
  }

  /** Helper kept with the reader: the column defaults a schema file gives, as text. */
  static Map<String, String> defaults(JsonNode columns) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode c : columns) {
      JsonNode d = c.get("ColumnDefault");
      out.put(c.path("ColumnName").asText(), d == null || d.isNull() ? null : d.asText());
    }
    return out;
  }
}
