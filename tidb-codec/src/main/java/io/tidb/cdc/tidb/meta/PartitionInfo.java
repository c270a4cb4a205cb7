package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A partitioned table's partitioning ({@code model.PartitionInfo}). Each definition's ID is a
 * physical table ID: rows live under {@code t{definition id}}, not under the logical table ID.
 * {@code type} is a {@link PartitionType} code.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionInfo(
    @JsonProperty("type") int type,
    @JsonProperty("expr") String expr,
    @JsonProperty("columns") List<CIStr> columns,
    @JsonProperty("enable") boolean enable,
    @JsonProperty("is_empty_columns") boolean isEmptyColumns,
    @JsonProperty("definitions") List<PartitionDefinition> definitions,
    @JsonProperty("adding_definitions") List<PartitionDefinition> addingDefinitions,
    @JsonProperty("dropping_definitions") List<PartitionDefinition> droppingDefinitions,
    @JsonProperty("NewPartitionIDs") List<Long> newPartitionIds,
    @JsonProperty("num") long num,
    @JsonProperty("ddl_state") int ddlState) {

  public PartitionInfo {
    definitions = definitions == null ? List.of() : List.copyOf(definitions);
  }

  /** An enabled partitioning with the given definitions and nothing in flight. */
  public static PartitionInfo of(
      int type, String expr, List<CIStr> columns, List<PartitionDefinition> definitions) {
    return new PartitionInfo(
        type, expr, columns, true, false, definitions, null, null, null, definitions.size(), 0);
  }

  /** The physical table IDs of all current partitions. */
  public List<Long> physicalTableIds() {
    return definitions.stream().map(PartitionDefinition::id).toList();
  }
}
