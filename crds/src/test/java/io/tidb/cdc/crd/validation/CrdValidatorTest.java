package io.tidb.cdc.crd.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdValidatorTest {
  private static final String CHANGEFEED =
      """
      apiVersion: cdc.tidb.io/v1alpha1
      kind: Changefeed
      metadata:
        name: orders
      spec:
        cluster: main
        startTs: 100
        sink:
          uri: kafka://kafka:9092/orders
      """;

  private static JsonNode changefeed(String extraSpecYaml) {
    return YamlDocuments.parse(CHANGEFEED + extraSpecYaml).get(0);
  }

  @Test
  void acceptsAValidChangefeed() {
    assertThat(CrdValidator.validate(changefeed(""))).isEmpty();
  }

  @Test
  void acceptsMapsAsWellAsTrees() {
    Map<String, Object> doc =
        Map.of(
            "apiVersion",
            "cdc.tidb.io/v1alpha1",
            "kind",
            "SinkPlugin",
            "metadata",
            Map.of("name", "p"),
            "spec",
            Map.of(
                "runtime", "lua",
                "version", "1",
                "source", Map.of("configMapKeyRef", Map.of("name", "cm", "key", "x.lua"))));
    assertThat(CrdValidator.validate(doc)).isEmpty();
  }

  @Test
  void namesAMissingRequiredField() {
    JsonNode doc = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("spec").path("sink")).remove("uri");
    assertThat(CrdValidator.validate(doc)).containsExactly("spec.sink.uri: Required value");
  }

  @Test
  void namesAnEnumViolationWithTheValue() {
    List<String> problems = CrdValidator.validate(changefeed("  state: go\n"));
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("spec.state: Unsupported value \"go\"");
  }

  @Test
  void refusesUnknownFields() {
    assertThat(CrdValidator.validate(changefeed("  replicas: 3\n")))
        .containsExactly("spec.replicas: unknown field");
  }

  @Test
  void refusesAWrongTypeAndANegativeTs() {
    assertThat(CrdValidator.validate(changefeed("  targetTs: soon\n")))
        .anyMatch(p -> p.startsWith("spec.targetTs: ") && p.contains("integer"));
    JsonNode doc = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc.path("spec")).put("startTs", -1);
    assertThat(CrdValidator.validate(doc)).anyMatch(p -> p.startsWith("spec.startTs: "));
  }

  @Test
  void evaluatesCelRulesOnCreate() {
    assertThat(CrdValidator.validate(changefeed("  targetTs: 100\n")))
        .containsExactly(
            "spec.targetTs: Invalid value: targetTs must be greater than startTs (or 0 for never)");
    assertThat(CrdValidator.validate(changefeed("  targetTs: 0\n"))).isEmpty();
    assertThat(CrdValidator.validate(changefeed("  targetTs: 101\n"))).isEmpty();
  }

  @Test
  void transitionRulesNeedTheOldObject() {
    JsonNode old = changefeed("");
    JsonNode changed = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) changed.path("spec")).put("startTs", 99);
    assertThat(CrdValidator.validate(changed)).isEmpty();
    assertThat(CrdValidator.validateUpdate(changed, old))
        .containsExactly("spec.startTs: Invalid value: startTs is immutable once set");
    assertThat(CrdValidator.validateUpdate(old, old)).isEmpty();

    JsonNode removed = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) removed.path("spec")).remove("startTs");
    assertThat(CrdValidator.validateUpdate(removed, old))
        .containsExactly("spec.startTs: Invalid value: startTs is immutable once set");
    assertThat(CrdValidator.validateUpdate(old, removed))
        .as("setting it later is allowed")
        .isEmpty();
  }

  @Test
  void refusesAnUnknownKindOrApiVersion() {
    JsonNode doc = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) doc).put("kind", "Pod");
    assertThat(CrdValidator.validate(doc)).singleElement().asString().startsWith("kind: ");
    JsonNode wrongVersion = changefeed("");
    ((com.fasterxml.jackson.databind.node.ObjectNode) wrongVersion)
        .put("apiVersion", "cdc.tidb.io/v1");
    assertThat(CrdValidator.validate(wrongVersion))
        .containsExactly(
            "apiVersion: Unsupported value \"cdc.tidb.io/v1\": expected cdc.tidb.io/v1alpha1");
  }

  @Test
  void aMistypedValueIsReportedOnceNotAsARuleFailure() {
    assertThat(CrdValidator.validate(changefeed("  targetTs: soon\n")))
        .containsExactly("spec.targetTs: string found, integer expected");
  }
}
