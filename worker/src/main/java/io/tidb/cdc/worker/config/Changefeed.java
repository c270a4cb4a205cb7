package io.tidb.cdc.worker.config;

/** A {@code Changefeed} resource. */
public record Changefeed(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    ChangefeedSpec spec,
    com.fasterxml.jackson.databind.JsonNode status) {
  public static final String KIND = "Changefeed";
}
