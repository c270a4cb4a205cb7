package io.tidb.cdc.crd.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.List;
import java.util.Map;

/**
 * Structural validation of a document against a CRD's {@code openAPIV3Schema}: types, required
 * fields, enums, patterns, bounds, and unknown fields (refused, as {@code kubectl apply} does with
 * strict field validation). The OpenAPI schema is turned into a JSON Schema (draft 4 is the closest
 * dialect) with {@code additionalProperties: false} on every object that lists its properties.
 */
final class SchemaCheck {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  private final JsonSchema schema;

  SchemaCheck(JsonNode openApiV3Schema) {
    ObjectNode root = strict(openApiV3Schema);
    addObjectEnvelope(root);
    this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
  }

  List<String> check(JsonNode document) {
    return schema.validate(document).stream().map(SchemaCheck::describe).sorted().toList();
  }

  /** A deep copy with Kubernetes-only keywords removed and unknown fields made errors. */
  private static ObjectNode strict(JsonNode openApi) {
    ObjectNode out = JSON.objectNode();
    boolean preserveUnknown = openApi.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Map.Entry<String, JsonNode> e : openApi.properties()) {
      String key = e.getKey();
      JsonNode value = e.getValue();
      if (key.startsWith("x-kubernetes-")) {
        continue;
      }
      switch (key) {
        case "properties" -> {
          ObjectNode props = out.putObject("properties");
          value.properties().forEach(p -> props.set(p.getKey(), strict(p.getValue())));
        }
        case "items", "additionalProperties" ->
            out.set(key, value.isObject() ? strict(value) : value.deepCopy());
        case "anyOf", "allOf", "oneOf" -> {
          var list = out.putArray(key);
          value.forEach(v -> list.add(strict(v)));
        }
        default -> out.set(key, value.deepCopy());
      }
    }
    if (out.has("properties") && !out.has("additionalProperties") && !preserveUnknown) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** The API server adds apiVersion, kind and metadata to every CRD schema. */
  private static void addObjectEnvelope(ObjectNode root) {
    ObjectNode props =
        root.get("properties") instanceof ObjectNode existing
            ? existing
            : root.putObject("properties");
    props.putObject("apiVersion").put("type", "string");
    props.putObject("kind").put("type", "string");
    ObjectNode metadata = props.putObject("metadata");
    metadata.put("type", "object");
    ObjectNode name = metadata.putObject("properties").putObject("name");
    name.put("type", "string").put("maxLength", 253).put("pattern", NAME_PATTERN);
    metadata.putArray("required").add("name");
    root.putArray("required").add("apiVersion").add("kind").add("metadata");
  }

  private static String describe(ValidationMessage m) {
    String path = path(m.getInstanceLocation());
    String type = m.getType();
    if ("required".equals(type)) {
      return join(path, m.getProperty()) + ": Required value";
    }
    if ("additionalProperties".equals(type)) {
      return join(path, m.getProperty()) + ": unknown field";
    }
    String message = m.getMessage();
    String location = m.getInstanceLocation().toString() + ": ";
    if (message.startsWith(location)) {
      message = message.substring(location.length());
    }
    if ("enum".equals(type) && m.getInstanceNode() != null) {
      message = "Unsupported value " + m.getInstanceNode() + ": " + message;
    }
    return (path.isEmpty() ? "<root>" : path) + ": " + message;
  }

  /** {@code spec.sink.dispatchers[0].topic} from networknt's path. */
  private static String path(JsonNodePath location) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        out.append('[').append(index).append(']');
      } else {
        if (out.length() > 0) {
          out.append('.');
        }
        out.append(element);
      }
    }
    return out.toString();
  }

  private static String join(String path, String child) {
    return path.isEmpty() ? child : path + "." + child;
  }
}
