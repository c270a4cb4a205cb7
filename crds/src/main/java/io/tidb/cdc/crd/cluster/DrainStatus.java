package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** A drain in progress: the capture handing its tables over before its pod stops. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrainStatus(
    @JsonPropertyDescription("Capture id being drained.") String capture,
    @JsonPropertyDescription("RFC 3339 time the drain started.") String startedAt,
    @JsonPropertyDescription("RFC 3339 time after which the pod stops regardless.") String deadline,
    @JsonPropertyDescription("The drain timeout in force (Go duration).") String drainTimeout) {}
