package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** Routes the rows of matching tables to a topic and partition. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.partition) || self.partition != 'columns' || has(self.columns)",
    message = "partition: columns needs the columns list",
    fieldPath = ".columns")
public record DispatcherRule(
    @JsonPropertyDescription("Table filter rules this dispatcher applies to.") List<String> matcher,
    @JsonPropertyDescription("Topic expression, e.g. {schema}_{table}.") String topic,
    @JsonPropertyDescription("Partition strategy; default: default.") PartitionStrategy partition,
    @JsonPropertyDescription("Columns hashed by partition: columns.") List<String> columns) {}
