package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** One partition: its physical table ID, name and bounds ({@code model.PartitionDefinition}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionDefinition(
    @JsonProperty("id") long id,
    @JsonProperty("name") CIStr name,
    @JsonProperty("less_than") List<String> lessThan,
    @JsonProperty("in_values") List<List<String>> inValues,
    @JsonProperty("policy_ref_info") JsonNode policyRefInfo,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("comment") String comment) {

  public PartitionDefinition {
    policyRefInfo = RawJson.orNull(policyRefInfo);
  }

  public static PartitionDefinition range(long id, String name, List<String> lessThan) {
    return new PartitionDefinition(id, CIStr.of(name), lessThan, null, null, "");
  }

  public static PartitionDefinition list(long id, String name, List<List<String>> inValues) {
    return new PartitionDefinition(id, CIStr.of(name), null, inValues, null, "");
  }

  public static PartitionDefinition hash(long id, String name) {
    return new PartitionDefinition(id, CIStr.of(name), null, null, null, "");
  }
}
