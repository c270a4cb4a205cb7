package io.tidb.cdc.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.crd.validation.CrdValidator;
import io.tidb.cdc.crd.validation.YamlDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every document in examples/ is valid against the generated CRDs and reads into the model. */
class ExamplesValidateTest {
  static final Path EXAMPLES = Path.of("..", "examples");
  private static final Map<String, Class<? extends io.fabric8.kubernetes.api.model.HasMetadata>>
      MODEL =
          Map.of(
              "TiCDCCluster",
              TiCDCCluster.class,
              "Changefeed",
              Changefeed.class,
              "SinkPlugin",
              SinkPlugin.class);

  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theExpectedExamplesExist() throws IOException {
    assertThat(exampleFiles().stream().map(p -> p.getFileName().toString()))
        .contains(
            "cluster.yaml",
            "changefeed-file.yaml",
            "changefeed-blackhole.yaml",
            "changefeed-mysql.yaml",
            "changefeed-kafka.yaml",
            "changefeed-pulsar.yaml",
            "changefeed-s3.yaml",
            "sinkplugin-wasm.yaml",
            "standalone.yaml");
    assertThat(YamlDocuments.read(EXAMPLES.resolve("standalone.yaml")))
        .extracting(d -> d.path("kind").asText())
        .containsExactly("TiCDCCluster", "Changefeed");
  }

  @TestFactory
  Stream<DynamicTest> everyDocumentValidatesAndRoundTrips() throws IOException {
    return exampleFiles().stream()
        .flatMap(
            file -> {
              List<JsonNode> docs = YamlDocuments.read(file);
              assertThat(docs).as(file + " has documents").isNotEmpty();
              return docs.stream()
                  .map(
                      doc ->
                          DynamicTest.dynamicTest(
                              file.getFileName() + " " + doc.path("metadata").path("name").asText(),
                              () -> {
                                assertThat(CrdValidator.validate(doc))
                                    .as(file.toString())
                                    .isEmpty();
                                RoundTrip.assertRoundTrips(
                                    doc, MODEL.get(doc.path("kind").asText()));
                              }));
            });
  }

  private static ObjectNode example(String file) {
    return (ObjectNode) YamlDocuments.read(EXAMPLES.resolve(file)).get(0);
  }

  private static ObjectNode spec(ObjectNode doc) {
    return (ObjectNode) doc.get("spec");
  }

  @Test
  void aMissingSinkUriIsRefused() {
    ObjectNode doc = example("changefeed-mysql.yaml");
    ((ObjectNode) spec(doc).get("sink")).remove("uri");
    assertThat(CrdValidator.validate(doc)).containsExactly("spec.sink.uri: Required value");
  }

  @Test
  void aBadStateIsRefused() {
    ObjectNode doc = example("changefeed-mysql.yaml");
    spec(doc).put("state", "Running");
    assertThat(CrdValidator.validate(doc))
        .singleElement()
        .asString()
        .startsWith("spec.state: Unsupported value \"Running\"");
  }

  @Test
  void anUnsupportedSchemeIsRefused() {
    ObjectNode doc = example("changefeed-kafka.yaml");
    ((ObjectNode) spec(doc).get("sink")).put("uri", "http://kafka:9092/t");
    assertThat(CrdValidator.validate(doc))
        .containsExactly(
            "spec.sink.uri: Invalid value: sink URI scheme must be one of blackhole, file, mysql,"
                + " tidb, kafka, pulsar, pulsar+ssl, s3, gcs, azblob, plugin");
  }

  @Test
  void credentialsInTheUriAreRefused() {
    ObjectNode doc = example("changefeed-mysql.yaml");
    ((ObjectNode) spec(doc).get("sink")).put("uri", "mysql://root:secret@mysql:3306/");
    assertThat(CrdValidator.validate(doc))
        .containsExactly(
            "spec.sink.uri: Invalid value: put credentials in credentialsSecretRef, not in the sink URI");
  }

  @Test
  void targetTsNotAfterStartTsIsRefused() {
    for (long target : new long[] {100, 99}) {
      ObjectNode doc = example("changefeed-blackhole.yaml");
      spec(doc).put("startTs", 100).put("targetTs", target);
      assertThat(CrdValidator.validate(doc))
          .as("targetTs %d", target)
          .containsExactly(
              "spec.targetTs: Invalid value: targetTs must be greater than startTs (or 0 for never)");
    }
  }

  @Test
  void changingStartTsIsRefused() {
    ObjectNode old = example("changefeed-blackhole.yaml");
    spec(old).put("startTs", 100);
    ObjectNode changed = old.deepCopy();
    spec(changed).put("startTs", 200);
    assertThat(CrdValidator.validate(changed)).isEmpty();
    assertThat(CrdValidator.validateUpdate(changed, old))
        .containsExactly("spec.startTs: Invalid value: startTs is immutable once set");
  }

  @Test
  void aPluginSourceNeedsExactlyOneOriginAndAUrlNeedsADigest() {
    ObjectNode both = example("sinkplugin-wasm.yaml");
    ((ObjectNode) spec(both).get("source"))
        .put("url", "https://p.example.com/x.wasm")
        .put("sha256", "ab".repeat(32));
    assertThat(CrdValidator.validate(both))
        .containsExactly(
            "spec.source: Invalid value: exactly one of configMapKeyRef or url must be set");

    ObjectNode noDigest = example("sinkplugin-wasm.yaml");
    ObjectNode source = (ObjectNode) spec(noDigest).get("source");
    source.remove("configMapKeyRef");
    source.put("url", "https://p.example.com/x.wasm");
    assertThat(CrdValidator.validate(noDigest))
        .containsExactly("spec.source.sha256: Invalid value: url requires sha256");

    source.put("sha256", "not-hex");
    assertThat(CrdValidator.validate(noDigest))
        .singleElement()
        .asString()
        .startsWith("spec.source.sha256: ");
  }

  @Test
  void aClusterWithoutPdAddressesIsRefused() {
    ObjectNode doc = example("cluster.yaml");
    ((ObjectNode) spec(doc).get("upstream")).putArray("pdAddresses");
    assertThat(CrdValidator.validate(doc))
        .singleElement()
        .asString()
        .startsWith("spec.upstream.pdAddresses: ");
    ((ObjectNode) spec(doc).get("upstream")).putArray("pdAddresses").add("pd-without-port");
    assertThat(CrdValidator.validate(doc))
        .singleElement()
        .asString()
        .startsWith("spec.upstream.pdAddresses[0]: ");
  }
}
