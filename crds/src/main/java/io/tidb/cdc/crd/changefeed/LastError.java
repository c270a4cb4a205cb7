package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The most recent error of a changefeed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LastError(
    String message,
    @JsonPropertyDescription("RFC 3339 time of the error.") String time,
    @JsonPropertyDescription("Retries since the error first occurred.") Integer retries) {}
