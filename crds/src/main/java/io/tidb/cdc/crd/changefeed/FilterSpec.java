package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** Which tables and events replicate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilterSpec(
    @JsonPropertyDescription("Table filter rules such as db.* or !db.tmp_*; default *.*.")
        List<String> rules,
    @JsonPropertyDescription("Whether rules match names case-sensitively; default false.")
        Boolean caseSensitive,
    List<EventFilterRule> eventFilters,
    @JsonPropertyDescription("Upstream transactions (by start TS) to skip.")
        List<Long> ignoreTxnStartTs) {}
