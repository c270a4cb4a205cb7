package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** TiDB's {@code model.IndexInfo} with its JSON field names. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexInfo(
    @JsonProperty("id") long id,
    @JsonProperty("idx_name") CIStr name,
    @JsonProperty("tbl_name") CIStr table,
    @JsonProperty("idx_cols") List<IndexColumn> columns,
    @JsonProperty("state") int state,
    @JsonProperty("backfill_state") int backfillState,
    @JsonProperty("comment") String comment,
    @JsonProperty("index_type") int indexType,
    @JsonProperty("is_unique") boolean unique,
    @JsonProperty("is_primary") boolean primary,
    @JsonProperty("is_invisible") boolean invisible,
    @JsonProperty("is_global") boolean global,
    @JsonProperty("mv_index") boolean mvIndex) {

  /** {@code model.IndexTypeBtree}, the type TiDB gives ordinary indexes. */
  public static final int INDEX_TYPE_BTREE = 1;

  public IndexInfo {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }

  /** A public B-tree index. */
  public static IndexInfo of(
      long id, String name, String table, List<IndexColumn> columns, IndexKind kind) {
    return new IndexInfo(
        id,
        CIStr.of(name),
        CIStr.of(table),
        columns,
        SchemaState.PUBLIC.code(),
        0,
        "",
        INDEX_TYPE_BTREE,
        kind != IndexKind.PLAIN,
        kind == IndexKind.PRIMARY,
        false,
        false,
        false);
  }

  /** What kind of index to create with {@link #of}. */
  public enum IndexKind {
    PLAIN,
    UNIQUE,
    PRIMARY
  }
}
