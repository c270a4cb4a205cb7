package io.tidb.cdc.crd.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Evaluates the {@code x-kubernetes-validations} CEL rules of a CRD schema the way the API server
 * does: {@code self} is the value at the rule's node, {@code oldSelf} the value at the same place
 * in the previous object; a transition rule (one that mentions {@code oldSelf}) is skipped on
 * create unless it sets {@code optionalOldSelf}. List items have no {@code oldSelf} (our lists are
 * atomic). Only the standard CEL library is available, not the Kubernetes extension libraries.
 */
final class CelRules {
  static final String NOT_EVALUATED = "could not be evaluated";
  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  private final Cel cel =
      CelFactory.standardCelBuilder()
          // uint as UnsignedLong, so that a Java Long is unambiguously a CEL int
          .setOptions(CelOptions.current().enableUnsignedLongs(true).build())
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", SimpleType.DYN)
          .build();
  private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

  /** Problems of {@code value} (and its children) against {@code schema}; old may be null. */
  List<String> check(JsonNode schema, JsonNode value, JsonNode old, String path) {
    List<String> problems = new ArrayList<>();
    walk(schema, value, old, path, problems);
    return problems;
  }

  private void walk(JsonNode schema, JsonNode value, JsonNode old, String path, List<String> out) {
    if (schema == null || value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode rule : schema.path("x-kubernetes-validations")) {
      evaluate(rule, value, old, path, out);
    }
    if (value.isObject()) {
      schema
          .path("properties")
          .properties()
          .forEach(
              p ->
                  walk(
                      p.getValue(),
                      value.get(p.getKey()),
                      old == null ? null : old.get(p.getKey()),
                      path + "." + p.getKey(),
                      out));
      JsonNode additional = schema.get("additionalProperties");
      if (additional != null && additional.isObject()) {
        value
            .properties()
            .forEach(
                e ->
                    walk(
                        additional,
                        e.getValue(),
                        old == null ? null : old.get(e.getKey()),
                        path + "." + e.getKey(),
                        out));
      }
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), null, path + "[" + i + "]", out);
      }
    }
  }

  private void evaluate(
      JsonNode rule, JsonNode value, JsonNode old, String path, List<String> out) {
    String expression = rule.path("rule").asText();
    boolean transition = OLD_SELF.matcher(expression).find();
    if (transition && old == null && !rule.path("optionalOldSelf").asBoolean(false)) {
      return;
    }
    String where = path + rule.path("fieldPath").asText("");
    Map<String, Object> vars = new HashMap<>();
    vars.put("self", toCel(value));
    if (old != null) {
      vars.put("oldSelf", toCel(old));
    }
    try {
      Object result = program(expression).eval(vars);
      if (!Boolean.TRUE.equals(result)) {
        String message = rule.path("message").asText("failed rule: " + expression);
        out.add(where + ": Invalid value: " + message);
      }
    } catch (CelEvaluationException e) {
      out.add(where + ": rule \"" + expression + "\" " + NOT_EVALUATED + ": " + e.getMessage());
    }
  }

  private CelRuntime.Program program(String expression) {
    return programs.computeIfAbsent(
        expression,
        e -> {
          try {
            CelAbstractSyntaxTree ast = cel.compile(e).getAst();
            return cel.createProgram(ast);
          } catch (CelValidationException | CelEvaluationException ex) {
            throw new IllegalStateException("invalid CEL rule in the CRD: " + e, ex);
          }
        });
  }

  /** JSON to the values CEL sees for a structural schema: maps, lists, int, double, string. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.properties()
          .forEach(
              e -> {
                if (!e.getValue().isNull()) {
                  map.put(e.getKey(), toCel(e.getValue()));
                }
              });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    return node.asText();
  }
}
