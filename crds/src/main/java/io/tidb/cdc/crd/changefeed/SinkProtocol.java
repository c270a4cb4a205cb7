package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Message encodings for MQ and storage sinks. */
public enum SinkProtocol {
  @JsonProperty("canal-json")
  CANAL_JSON,
  @JsonProperty("open-protocol")
  OPEN_PROTOCOL,
  @JsonProperty("maxwell")
  MAXWELL,
  @JsonProperty("avro")
  AVRO,
  @JsonProperty("debezium")
  DEBEZIUM,
  @JsonProperty("csv")
  CSV,
  @JsonProperty("simple")
  SIMPLE
}
