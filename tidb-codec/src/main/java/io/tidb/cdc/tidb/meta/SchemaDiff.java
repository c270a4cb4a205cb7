package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What changed at one schema version ({@code model.SchemaDiff}), stored under {@code
 * Diff:{version}}. {@code type} is an {@link ActionType} code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SchemaDiff(
    @JsonProperty("version") long version,
    @JsonProperty("type") int type,
    @JsonProperty("schema_id") long schemaId,
    @JsonProperty("table_id") long tableId,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("sub_action_types")
        List<Integer> subActionTypes,
    @JsonProperty("old_table_id") long oldTableId,
    @JsonProperty("old_schema_id") long oldSchemaId,
    @JsonProperty("regenerate_schema_map") boolean regenerateSchemaMap,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonProperty("read_table_from_meta")
        boolean readTableFromMeta,
    @JsonProperty("affected_options") List<AffectedOption> affectedOptions) {

  public static SchemaDiff of(long version, ActionType type, long schemaId, long tableId) {
    return new SchemaDiff(version, type.code(), schemaId, tableId, null, 0, 0, false, false, null);
  }

  /** A further table touched by the same DDL ({@code model.AffectedOption}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AffectedOption(
      @JsonProperty("schema_id") long schemaId,
      @JsonProperty("table_id") long tableId,
      @JsonProperty("old_table_id") long oldTableId,
      @JsonProperty("old_schema_id") long oldSchemaId) {}
}
