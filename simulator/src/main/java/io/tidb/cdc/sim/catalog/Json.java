package io.tidb.cdc.sim.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.MetaJson;

/** JSON trees for job arguments, built with the meta model's mapper so nested infos match. */
public final class Json {
  private static final ObjectMapper MAPPER = MetaJson.mapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Any model value (TableInfo, ColumnInfo, DBInfo...) as a tree. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  public static JsonNode name(String name) {
    return tree(CIStr.of(name));
  }

  /** {@code model.InvolvingSchemaInfo}: {@code {"database": .., "table": ..}} in lower case. */
  public static ObjectNode involving(String database, String table) {
    ObjectNode n = object();
    n.put("database", database.toLowerCase(java.util.Locale.ROOT));
    if (!table.isEmpty()) {
      n.put("table", table.toLowerCase(java.util.Locale.ROOT));
    }
    return n;
  }
}
