package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.tidb.types.ColumnFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TiDB's {@code model.TableInfo} with its JSON field names, as stored under {@code
 * DB:{id}/Table:{id}} and embedded in DDL jobs. Parts this project never interprets (views,
 * sequences, locks, TiFlash replicas, placement, TTL) are kept as raw JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableInfo(
    @JsonProperty("id") long id,
    @JsonProperty("name") CIStr name,
    @JsonProperty("charset") String charset,
    @JsonProperty("collate") String collate,
    @JsonProperty("cols") List<ColumnInfo> columns,
    @JsonProperty("index_info") List<IndexInfo> indices,
    @JsonProperty("constraint_info") JsonNode constraints,
    @JsonProperty("fk_info") JsonNode foreignKeys,
    @JsonProperty("state") int state,
    @JsonProperty("pk_is_handle") boolean pkIsHandle,
    @JsonProperty("is_common_handle") boolean isCommonHandle,
    @JsonProperty("common_handle_version") int commonHandleVersion,
    @JsonProperty("comment") String comment,
    @JsonProperty("auto_inc_id") long autoIncId,
    @JsonProperty("auto_id_cache") long autoIdCache,
    @JsonProperty("auto_rand_id") long autoRandId,
    @JsonProperty("max_col_id") long maxColumnId,
    @JsonProperty("max_idx_id") long maxIndexId,
    @JsonProperty("max_cst_id") long maxConstraintId,
    @JsonProperty("update_timestamp") long updateTimestamp,
    @JsonProperty("ShardRowIDBits") long shardRowIdBits,
    @JsonProperty("max_shard_row_id_bits") long maxShardRowIdBits,
    @JsonProperty("auto_random_bits") long autoRandomBits,
    @JsonProperty("pre_split_regions") long preSplitRegions,
    @JsonProperty("partition") PartitionInfo partition,
    @JsonProperty("compression") String compression,
    @JsonProperty("view") JsonNode view,
    @JsonProperty("sequence") JsonNode sequence,
    @JsonProperty("Lock") JsonNode lock,
    @JsonProperty("version") int version,
    @JsonProperty("tiflash_replica") JsonNode tiflashReplica,
    @JsonProperty("temp_table_type") int tempTableType,
    @JsonProperty("cache_table_status") int cacheTableStatus,
    @JsonProperty("policy_ref_info") JsonNode policyRefInfo,
    @JsonProperty("ttl_info") JsonNode ttlInfo,
    @JsonProperty("revision") long revision) {

  /** {@code model.CurrLatestTableInfoVersion}. */
  public static final int CURRENT_VERSION = 5;

  public TableInfo {
    columns = columns == null ? List.of() : List.copyOf(columns);
    indices = indices == null ? List.of() : List.copyOf(indices);
    constraints = RawJson.orNull(constraints);
    foreignKeys = RawJson.orNull(foreignKeys);
    view = RawJson.orNull(view);
    sequence = RawJson.orNull(sequence);
    lock = RawJson.orNull(lock);
    tiflashReplica = RawJson.orNull(tiflashReplica);
    policyRefInfo = RawJson.orNull(policyRefInfo);
    ttlInfo = RawJson.orNull(ttlInfo);
  }

  public static Builder builder(long id, String name) {
    return new Builder(id, name);
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  @JsonIgnore
  public SchemaState schemaState() {
    return SchemaState.of(state);
  }

  /** Columns in public state, ordered by offset ({@code TableInfo.Cols()}). */
  @JsonIgnore
  public List<ColumnInfo> publicColumns() {
    return columns.stream()
        .filter(ColumnInfo::isPublic)
        .sorted(java.util.Comparator.comparingInt(ColumnInfo::offset))
        .toList();
  }

  public Optional<ColumnInfo> column(long columnId) {
    return columns.stream().filter(c -> c.id() == columnId).findFirst();
  }

  public Optional<ColumnInfo> column(String name) {
    String lower = CIStr.of(name).lower();
    return columns.stream().filter(c -> c.name().lower().equals(lower)).findFirst();
  }

  /** The explicit primary key index, if any (absent for a {@code pk_is_handle} table). */
  @JsonIgnore
  public Optional<IndexInfo> primaryIndex() {
    return indices.stream().filter(IndexInfo::primary).findFirst();
  }

  /** The integer primary-key column whose value is the row handle, for {@code pk_is_handle}. */
  @JsonIgnore
  public Optional<ColumnInfo> pkHandleColumn() {
    if (!pkIsHandle) {
      return Optional.empty();
    }
    return columns.stream()
        .filter(c -> ColumnFlag.has(c.type().flag(), ColumnFlag.PRI_KEY))
        .findFirst();
  }

  /** The primary-key columns encoded in a common handle, in index order. */
  @JsonIgnore
  public List<ColumnInfo> commonHandleColumns() {
    if (!isCommonHandle) {
      return List.of();
    }
    IndexInfo pk =
        primaryIndex()
            .orElseThrow(
                () ->
                    new IllegalStateException("clustered table " + name + " has no primary index"));
    List<ColumnInfo> out = new ArrayList<>();
    for (IndexColumn ic : pk.columns()) {
      out.add(columns.get(ic.offset()));
    }
    return out;
  }

  @JsonIgnore
  public boolean isPartitioned() {
    return partition != null && partition.enable();
  }

  /** The IDs rows are written under: the partitions' IDs, or the table's own. */
  @JsonIgnore
  public List<Long> physicalTableIds() {
    return isPartitioned() ? partition.physicalTableIds() : List.of(id);
  }

  @JsonIgnore
  public boolean isView() {
    return view != null && !view.isNull();
  }

  @JsonIgnore
  public boolean isSequence() {
    return sequence != null && !sequence.isNull();
  }

  /** Builds TableInfo values; unset fields take TiDB's defaults for a new public table. */
  public static final class Builder {
    private final long id;
    private CIStr name;
    private String charset = "utf8mb4";
    private String collate = "utf8mb4_bin";
    private List<ColumnInfo> columns = List.of();
    private List<IndexInfo> indices = List.of();
    private JsonNode constraints;
    private JsonNode foreignKeys;
    private int state = SchemaState.PUBLIC.code();
    private boolean pkIsHandle;
    private boolean isCommonHandle;
    private int commonHandleVersion;
    private String comment = "";
    private long autoIncId;
    private long autoIdCache;
    private long autoRandId;
    private long maxColumnId;
    private long maxIndexId;
    private long maxConstraintId;
    private long updateTimestamp;
    private long shardRowIdBits;
    private long maxShardRowIdBits;
    private long autoRandomBits;
    private long preSplitRegions;
    private PartitionInfo partition;
    private String compression = "";
    private JsonNode view;
    private JsonNode sequence;
    private JsonNode lock;
    private int version = CURRENT_VERSION;
    private JsonNode tiflashReplica;
    private int tempTableType;
    private int cacheTableStatus;
    private JsonNode policyRefInfo;
    private JsonNode ttlInfo;
    private long revision;

    private Builder(long id, String name) {
      this.id = id;
      this.name = CIStr.of(name);
    }

    private Builder(TableInfo t) {
      id = t.id;
      name = t.name;
      charset = t.charset;
      collate = t.collate;
      columns = t.columns;
      indices = t.indices;
      constraints = t.constraints;
      foreignKeys = t.foreignKeys;
      state = t.state;
      pkIsHandle = t.pkIsHandle;
      isCommonHandle = t.isCommonHandle;
      commonHandleVersion = t.commonHandleVersion;
      comment = t.comment;
      autoIncId = t.autoIncId;
      autoIdCache = t.autoIdCache;
      autoRandId = t.autoRandId;
      maxColumnId = t.maxColumnId;
      maxIndexId = t.maxIndexId;
      maxConstraintId = t.maxConstraintId;
      updateTimestamp = t.updateTimestamp;
      shardRowIdBits = t.shardRowIdBits;
      maxShardRowIdBits = t.maxShardRowIdBits;
      autoRandomBits = t.autoRandomBits;
      preSplitRegions = t.preSplitRegions;
      partition = t.partition;
      compression = t.compression;
      view = t.view;
      sequence = t.sequence;
      lock = t.lock;
      version = t.version;
      tiflashReplica = t.tiflashReplica;
      tempTableType = t.tempTableType;
      cacheTableStatus = t.cacheTableStatus;
      policyRefInfo = t.policyRefInfo;
      ttlInfo = t.ttlInfo;
      revision = t.revision;
    }

    public Builder name(String newName) {
      name = CIStr.of(newName);
      return this;
    }

    public Builder charset(String newCharset, String newCollate) {
      charset = newCharset;
      collate = newCollate;
      return this;
    }

    /** Sets the columns and raises {@code max_col_id} to cover them. */
    public Builder columns(List<ColumnInfo> newColumns) {
      columns = List.copyOf(newColumns);
      maxColumnId =
          Math.max(maxColumnId, newColumns.stream().mapToLong(ColumnInfo::id).max().orElse(0));
      return this;
    }

    /** Sets the indexes and raises {@code max_idx_id} to cover them. */
    public Builder indices(List<IndexInfo> newIndices) {
      indices = List.copyOf(newIndices);
      maxIndexId =
          Math.max(maxIndexId, newIndices.stream().mapToLong(IndexInfo::id).max().orElse(0));
      return this;
    }

    public Builder state(SchemaState newState) {
      state = newState.code();
      return this;
    }

    /** The table's rows are keyed by its single integer primary-key column. */
    public Builder pkIsHandle() {
      pkIsHandle = true;
      isCommonHandle = false;
      return this;
    }

    /** The table is clustered on a non-integer (or composite) primary key. */
    public Builder commonHandle() {
      isCommonHandle = true;
      pkIsHandle = false;
      commonHandleVersion = 1;
      return this;
    }

    public Builder comment(String newComment) {
      comment = newComment;
      return this;
    }

    public Builder autoIncId(long value) {
      autoIncId = value;
      return this;
    }

    public Builder updateTimestamp(long ts) {
      updateTimestamp = ts;
      return this;
    }

    public Builder partition(PartitionInfo newPartition) {
      partition = newPartition;
      return this;
    }

    public Builder view(JsonNode newView) {
      view = newView;
      return this;
    }

    public Builder revision(long newRevision) {
      revision = newRevision;
      return this;
    }

    public TableInfo build() {
      return new TableInfo(
          id,
          name,
          charset,
          collate,
          columns,
          indices,
          constraints,
          foreignKeys,
          state,
          pkIsHandle,
          isCommonHandle,
          commonHandleVersion,
          comment,
          autoIncId,
          autoIdCache,
          autoRandId,
          maxColumnId,
          maxIndexId,
          maxConstraintId,
          updateTimestamp,
          shardRowIdBits,
          maxShardRowIdBits,
          autoRandomBits,
          preSplitRegions,
          partition,
          compression,
          view,
          sequence,
          lock,
          version,
          tiflashReplica,
          tempTableType,
          cacheTableStatus,
          policyRefInfo,
          ttlInfo,
          revision);
    }
  }
}
