package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code binlog} part of a finished DDL job ({@code model.HistoryInfo}): the schema version it
 * produced and the resulting database or table info. TiDB serializes it without JSON tags, so the
 * names are the Go field names.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HistoryInfo(
    @JsonProperty("SchemaVersion") long schemaVersion,
    @JsonProperty("DBInfo") DBInfo dbInfo,
    @JsonProperty("TableInfo") TableInfo tableInfo,
    @JsonProperty("FinishedTS") long finishedTs,
    @JsonProperty("MultipleTableInfos") List<TableInfo> multipleTableInfos) {

  public static HistoryInfo ofTable(long schemaVersion, TableInfo table, long finishedTs) {
    return new HistoryInfo(schemaVersion, null, table, finishedTs, null);
  }

  public static HistoryInfo ofDatabase(long schemaVersion, DBInfo db, long finishedTs) {
    return new HistoryInfo(schemaVersion, db, null, finishedTs, null);
  }
}
