package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Events to drop for the tables a matcher selects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventFilterRule(
    @JsonPropertyDescription("Table filter rules this entry applies to.") List<String> matcher,
    @JsonPropertyDescription("Event types to drop, e.g. insert, delete, all ddl.")
        List<String> ignoreEvent,
    @JsonPropertyDescription("Regular expressions of DDL statements to drop.")
        List<String> ignoreSql) {}
