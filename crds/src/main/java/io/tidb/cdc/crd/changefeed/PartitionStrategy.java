package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How an MQ dispatcher picks a partition. */
public enum PartitionStrategy {
  @JsonProperty("default")
  DEFAULT,
  @JsonProperty("index-value")
  INDEX_VALUE,
  @JsonProperty("ts")
  TS,
  @JsonProperty("table")
  TABLE,
  @JsonProperty("columns")
  COLUMNS
}
