package io.tidb.cdc.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidb.cdc.crd.validation.CrdValidator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Reads the generated CRDs as trees and checks what kubectl and the API server will see. */
class GeneratedCrdTest {
  private static JsonNode crd(String plural) throws IOException {
    return RoundTrip.tree(GeneratedCrdsAreCheckedInTest.generated(CrdValidator.fileName(plural)));
  }

  private static JsonNode version(JsonNode crd) {
    return crd.path("spec").path("versions").get(0);
  }

  private static JsonNode spec(JsonNode crd) {
    return version(crd).path("schema").path("openAPIV3Schema").path("properties").path("spec");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> columns(JsonNode crd, String field) {
    return texts(
        version(crd).path("additionalPrinterColumns").findParents(field).stream()
            .map(c -> c.get(field))
            .collect(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode,
                com.fasterxml.jackson.databind.node.ArrayNode::add,
                com.fasterxml.jackson.databind.node.ArrayNode::addAll));
  }

  private static List<String> rules(JsonNode schema) {
    List<String> out = new ArrayList<>();
    schema.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText()));
    return out;
  }

  @Test
  void namesScopeCategoryAndStatusSubresource() throws IOException {
    for (String plural : CrdValidator.PLURALS) {
      JsonNode crd = crd(plural);
      assertThat(crd.path("metadata").path("name").asText()).isEqualTo(plural + ".cdc.tidb.io");
      assertThat(crd.path("spec").path("group").asText()).isEqualTo("cdc.tidb.io");
      assertThat(crd.path("spec").path("scope").asText()).isEqualTo("Namespaced");
      assertThat(texts(crd.path("spec").path("names").path("categories"))).containsExactly("ticdc");
      assertThat(version(crd).path("name").asText()).isEqualTo("v1alpha1");
      assertThat(version(crd).path("served").asBoolean()).isTrue();
      assertThat(version(crd).path("storage").asBoolean()).isTrue();
      assertThat(version(crd).path("subresources").has("status")).as(plural + " status").isTrue();
      assertThat(crd.findValues("default")).as(plural + ": no schema defaults").isEmpty();
      assertThat(crd.findValues("x-kubernetes-preserve-unknown-fields"))
          .as(plural + ": every field typed, nothing preserved unknown")
          .isEmpty();
    }
    assertThat(texts(crd("ticdcclusters").path("spec").path("names").path("shortNames")))
        .containsExactly("tcc", "cdccluster");
    assertThat(texts(crd("changefeeds").path("spec").path("names").path("shortNames")))
        .containsExactly("cf");
    assertThat(texts(crd("sinkplugins").path("spec").path("names").path("shortNames")))
        .containsExactly("sp", "plugin");
  }

  @Test
  void printerColumnsInDeclaredOrder() throws IOException {
    assertThat(columns(crd("changefeeds"), "name"))
        .containsExactly("Cluster", "Phase", "Checkpoint", "Lag", "Tables", "Age");
    assertThat(columns(crd("changefeeds"), "jsonPath"))
        .containsExactly(
            ".spec.cluster",
            ".status.phase",
            ".status.checkpointTime",
            ".status.lagSeconds",
            ".status.tableCount",
            ".metadata.creationTimestamp");
    assertThat(columns(crd("changefeeds"), "type"))
        .containsExactly("string", "string", "string", "number", "integer", "date");
    assertThat(columns(crd("ticdcclusters"), "name")).containsExactly("Replicas", "Ready", "Age");
    assertThat(columns(crd("sinkplugins"), "name"))
        .containsExactly("Runtime", "Active", "Target", "Rollout", "Age");
  }

  @Test
  void changefeedSchema() throws IOException {
    JsonNode crd = crd("changefeeds");
    JsonNode spec = spec(crd);
    JsonNode props = spec.path("properties");
    assertThat(texts(spec.path("required"))).containsExactlyInAnyOrder("cluster", "sink");
    assertThat(texts(props.path("sink").path("required"))).containsExactly("uri");
    assertThat(texts(props.path("state").path("enum")))
        .containsExactlyInAnyOrder("running", "paused", "stopped");
    assertThat(texts(props.path("sink").path("properties").path("protocol").path("enum")))
        .containsExactlyInAnyOrder(
            "canal-json", "open-protocol", "maxwell", "avro", "debezium", "csv", "simple");
    assertThat(
            texts(
                props
                    .path("sink")
                    .path("properties")
                    .path("dispatchers")
                    .path("items")
                    .path("properties")
                    .path("partition")
                    .path("enum")))
        .containsExactlyInAnyOrder("default", "index-value", "ts", "table", "columns");
    assertThat(props.path("startTs").path("type").asText()).isEqualTo("integer");
    assertThat(props.path("startTs").path("minimum").asDouble()).isZero();
    assertThat(props.path("cluster").path("pattern").asText()).startsWith("^[a-z0-9]");
    assertThat(rules(spec))
        .anyMatch(r -> r.contains("oldSelf.startTs") && r.contains("self.startTs =="))
        .anyMatch(r -> r.contains("self.targetTs > self.startTs"));
    assertThat(rules(props.path("sink")))
        .anyMatch(
            r ->
                r.contains("self.uri.matches")
                    && r.contains(
                        "blackhole|file|mysql|tidb|kafka|pulsar|pulsar[+]ssl|s3|gcs|azblob|plugin"));
    JsonNode status =
        version(crd).path("schema").path("openAPIV3Schema").path("properties").path("status");
    assertThat(texts(status.path("properties").path("phase").path("enum")))
        .containsExactlyInAnyOrder(
            "Pending", "Normal", "Warning", "Paused", "Failed", "Finished", "Stopped");
    assertThat(
            status
                .path("properties")
                .path("tablesPerWorker")
                .path("additionalProperties")
                .path("type")
                .asText())
        .isEqualTo("integer");
  }

  @Test
  void clusterSchema() throws IOException {
    JsonNode spec = spec(crd("ticdcclusters"));
    JsonNode props = spec.path("properties");
    assertThat(texts(spec.path("required"))).containsExactly("upstream");
    JsonNode pd = props.path("upstream").path("properties").path("pdAddresses");
    assertThat(texts(props.path("upstream").path("required"))).containsExactly("pdAddresses");
    assertThat(pd.path("minItems").asInt()).isEqualTo(1);
    assertThat("https://pd-0:2379").matches(pd.path("items").path("pattern").asText());
    assertThat("pd-0").doesNotMatch(pd.path("items").path("pattern").asText());
    assertThat(props.path("replicas").path("minimum").asDouble()).isZero();
    assertThat(texts(props.path("imagePullPolicy").path("enum")))
        .containsExactlyInAnyOrder("Always", "IfNotPresent", "Never");
    assertThat(props.path("drainTimeout").path("pattern").asText()).isNotEmpty();
    assertThat(
            props
                .path("worker")
                .path("properties")
                .path("sorterMemory")
                .path("x-kubernetes-int-or-string")
                .asBoolean())
        .isTrue();
    assertThat(
            props
                .path("worker")
                .path("properties")
                .path("config")
                .path("additionalProperties")
                .path("type")
                .asText())
        .isEqualTo("string");
    assertThat(props.path("resources").path("properties").has("limits")).isTrue();
  }

  @Test
  void sinkPluginSchema() throws IOException {
    JsonNode spec = spec(crd("sinkplugins"));
    JsonNode props = spec.path("properties");
    assertThat(texts(spec.path("required")))
        .containsExactlyInAnyOrder("runtime", "version", "source");
    assertThat(texts(props.path("runtime").path("enum")))
        .containsExactlyInAnyOrder("wasm", "lua", "jar", "grpc");
    JsonNode source = props.path("source");
    assertThat(source.path("properties").path("sha256").path("pattern").asText())
        .isEqualTo("^[0-9a-fA-F]{64}$");
    assertThat(rules(source))
        .containsExactlyInAnyOrder(
            "has(self.configMapKeyRef) != has(self.url)", "!has(self.url) || has(self.sha256)");
  }
}
