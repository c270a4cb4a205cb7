package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** TiDB's {@code model.DBInfo} with its JSON field names, as stored under {@code DBs/DB:{id}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DBInfo(
    @JsonProperty("id") long id,
    @JsonProperty("db_name") CIStr name,
    @JsonProperty("charset") String charset,
    @JsonProperty("collate") String collate,
    @JsonProperty("state") int state,
    @JsonProperty("policy_ref_info") JsonNode policyRefInfo) {

  public DBInfo {
    policyRefInfo = RawJson.orNull(policyRefInfo);
  }

  /** A public database with utf8mb4 / utf8mb4_bin, TiDB's defaults. */
  public static DBInfo of(long id, String name) {
    return new DBInfo(
        id, CIStr.of(name), "utf8mb4", "utf8mb4_bin", SchemaState.PUBLIC.code(), null);
  }

  public DBInfo withState(SchemaState newState) {
    return new DBInfo(id, name, charset, collate, newState.code(), policyRefInfo);
  }
}
