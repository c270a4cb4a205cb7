package io.tidb.cdc.worker.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.worker.sink.file.FileSinkReader.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a file sink's directory holds once replayed: the tables and their rows, the recorded
 * checkpoint, and counts and warnings about the replay (duplicates skipped, in-progress files
 * ignored, deletes that matched no row, DDL the replay could not follow).
 */
public final class Replay {
  private static final Pattern NAME = Pattern.compile("`((?:[^`]|``)+)`|([^\\s.,`;]+)");
  private static final Pattern PAIR =
      Pattern.compile(
          "((?:`(?:[^`]|``)+`|[^\\s.,`;]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[^\\s.,`;]+))?)"
              + "\\s+(?:TO|AS)\\s+"
              + "((?:`(?:[^`]|``)+`|[^\\s.,`;]+)(?:\\s*\\.\\s*(?:`(?:[^`]|``)+`|[^\\s.,`;]+))?)",
          Pattern.CASE_INSENSITIVE);

  private final OptionalLong checkpointTs;
  private final Map<TableName, ReplayedTable> tables =
      new TreeMap<>(
          (a, b) ->
              a.schema().equals(b.schema())
                  ? a.table().compareTo(b.table())
                  : a.schema().compareTo(b.schema()));
  final List<String> warnings = new ArrayList<>();
  long files;
  long rowsApplied;
  long duplicatesSkipped;
  long tmpFilesIgnored;

  Replay(OptionalLong checkpointTs) {
    this.checkpointTs = checkpointTs;
  }

  public OptionalLong checkpointTs() {
    return checkpointTs;
  }

  /** The tables that exist after the replay, in name order. */
  public Map<TableName, ReplayedTable> tables() {
    return Collections.unmodifiableMap(tables);
  }

  /** A table's rows by key; empty when the table does not exist. */
  public Map<List<String>, Map<String, String>> rows(String schema, String table) {
    ReplayedTable t = tables.get(new TableName(schema, table));
    return t == null ? Map.of() : t.rows();
  }

  public long files() {
    return files;
  }

  public long rowsApplied() {
    return rowsApplied;
  }

  public long duplicatesSkipped() {
    return duplicatesSkipped;
  }

  public long tmpFilesIgnored() {
    return tmpFilesIgnored;
  }

  public List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  ReplayedTable table(String schema, String table) {
    return tables.computeIfAbsent(new TableName(schema, table), k -> new ReplayedTable());
  }

  void applyRow(ReplayedTable table, String type, JsonNode msg, Path file, int line) {
    List<String> pk = new ArrayList<>();
    msg.path("pkNames").forEach(n -> pk.add(n.asText()));
    Map<String, String> data = image(msg.path("data"));
    switch (type) {
      case "INSERT" -> table.insert(pk, data);
      case "UPDATE" -> table.update(pk, image(msg.path("old")), data);
      default -> {
        if (!table.remove(pk, data)) {
          warnings.add(file + " line " + line + ": a DELETE matched no row: " + data);
        }
      }
    }
    rowsApplied++;
  }

  /** A DDL or table-version schema file, in TiCDC's table definition format. */
  void applySchema(String schema, String table, JsonNode def, Path file) {
    int code = def.path("Type").asInt(0);
    ActionType action = ActionType.of(code).orElse(ActionType.NONE);
    JsonNode columns = def.path("TableColumns");
    switch (action) {
      case DROP_SCHEMA -> tables.keySet().removeIf(n -> n.schema().equals(schema));
      case DROP_TABLE, DROP_VIEW -> tables.remove(new TableName(schema, table));
      case TRUNCATE_TABLE -> table(schema, table).clear();
      case RENAME_TABLE, RENAME_TABLES -> rename(schema, table, def.path("Query").asText(""), file);
      default -> {
        if (!table.isEmpty() && columns.isArray()) {
          ReplayedTable t = table(schema, table);
          if (code != 0) {
            List<String> names = new ArrayList<>();
            columns.forEach(c -> names.add(c.path("ColumnName").asText()));
            t.reshape(names, FileSinkReader.defaults(columns));
          }
        }
      }
    }
  }

  /** Moves the renamed table's rows; the old name comes from the statement. */
  private void rename(String schema, String table, String query, Path file) {
    Matcher m = PAIR.matcher(query);
    while (m.find()) {
      TableName from = qualified(m.group(1), schema);
      TableName to = qualified(m.group(2), schema);
      if (to.equals(new TableName(schema, table))) {
        ReplayedTable moved = tables.remove(from);
        tables.put(to, moved == null ? new ReplayedTable() : moved);
        return;
      }
    }
    warnings.add(
        file + ": could not tell which table '" + query + "' renamed to " + schema + "." + table);
    table(schema, table);
  }

  private static TableName qualified(String text, String defaultSchema) {
    List<String> parts = new ArrayList<>();
    Matcher m = NAME.matcher(text);
    while (m.find()) {
      parts.add(m.group(1) != null ? m.group(1).replace("``", "`") : m.group(2));
    }
    return parts.size() >= 2
        ? new TableName(parts.get(0), parts.get(1))
        : new TableName(defaultSchema, parts.get(0));
  }

  private static Map<String, String> image(JsonNode array) {
    Map<String, String> row = new LinkedHashMap<>();
    if (array.isArray() && array.size() > 0) {
      for (Map.Entry<String, JsonNode> e : array.get(0).properties()) {
        row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
      }
    }
    return row;
  }
}
