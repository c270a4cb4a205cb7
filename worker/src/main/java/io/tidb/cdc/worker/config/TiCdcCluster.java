package io.tidb.cdc.worker.config;

/** A {@code TiCDCCluster} resource. */
public record TiCdcCluster(
    String apiVersion,
    String kind,
    ObjectMeta metadata,
    TiCdcClusterSpec spec,
    com.fasterxml.jackson.databind.JsonNode status) {
  public static final String KIND = "TiCDCCluster";
}
