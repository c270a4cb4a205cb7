package io.tidb.cdc.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds every field of a YAML tree that its record type does not have, with its path and the fields
 * that exist there. Jackson stops at the first unknown field; users fix a file faster when they see
 * all of them at once.
 */
final class UnknownFields {
  private UnknownFields() {}

  /** Unknown fields of {@code node} read as {@code type}, paths relative to {@code path}. */
  static List<ConfigProblem> find(String resource, JsonNode node, Type type) {
    List<ConfigProblem> out = new ArrayList<>();
    walk(resource, node, type, "", out);
    return out;
  }

  private static void walk(
      String resource, JsonNode node, Type type, String path, List<ConfigProblem> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (type instanceof Class<?> c && c.isRecord() && node.isObject()) {
      RecordComponent[] components = c.getRecordComponents();
      for (Map.Entry<String, JsonNode> f : node.properties()) {
        String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
        RecordComponent rc =
            Arrays.stream(components)
                .filter(r -> r.getName().equals(f.getKey()))
                .findFirst()
                .orElse(null);
        if (rc == null) {
          out.add(
              new ConfigProblem(
                  resource,
                  child,
                  "unknown field (known: "
                      + Arrays.stream(components)
                          .map(RecordComponent::getName)
                          .collect(Collectors.joining(", "))
                      + ")"));
        } else {
          walk(resource, f.getValue(), rc.getGenericType(), child, out);
        }
      }
    } else if (type instanceof ParameterizedType p
        && p.getRawType() == List.class
        && node.isArray()) {
      Type element = p.getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        walk(resource, node.get(i), element, path + "[" + i + "]", out);
      }
    }
    // Maps (labels, options) take any key; scalars have no fields. Type mismatches are Jackson's.
  }
}
