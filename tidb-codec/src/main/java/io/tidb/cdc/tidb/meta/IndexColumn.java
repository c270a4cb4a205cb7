package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A column of an index: its name, its offset in the table's column list, and the prefix length (-1
 * for the whole value).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IndexColumn(
    @JsonProperty("name") CIStr name,
    @JsonProperty("offset") int offset,
    @JsonProperty("length") int length) {
  public static IndexColumn of(String name, int offset) {
    return new IndexColumn(CIStr.of(name), offset, -1);
  }
}
