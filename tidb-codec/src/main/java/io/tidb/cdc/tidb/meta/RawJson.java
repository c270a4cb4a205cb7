package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Raw JSON parts of the model: a JSON {@code null} is kept as Java null so values compare equal.
 */
final class RawJson {
  private RawJson() {}

  static JsonNode orNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node;
  }
}
