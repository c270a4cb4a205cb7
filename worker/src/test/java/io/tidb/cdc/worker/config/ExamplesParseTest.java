package io.tidb.cdc.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The worker reads the same documents the CRDs describe: every example a Kubernetes user applies
 * (validated against the generated CRDs in the crds module) parses with the worker's own reader, so
 * a field added to one model and not the other fails here.
 */
class ExamplesParseTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  private static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> it =
        new YAMLMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && doc.isObject()) {
          out.add(doc);
        }
      }
    }
    return out;
  }

  @Test
  void everyExampleChangefeedAndClusterParses() throws IOException, ConfigException {
    int changefeeds = 0;
    int clusters = 0;
    for (Path file : examples()) {
      for (JsonNode doc : documents(file)) {
        String kind = doc.path("kind").asText();
        if (kind.equals(Changefeed.KIND)) {
          Changefeed cf = ResourceFile.parseChangefeed(doc, file.toString());
          assertThat(cf.spec().sink().uri()).as(file + " sink uri").isNotBlank();
          changefeeds++;
        } else if (kind.equals(TiCdcCluster.KIND)) {
          assertThatCode(() -> ResourceFile.readCluster(file))
              .as(file.toString())
              .doesNotThrowAnyException();
          clusters++;
        }
      }
    }
    assertThat(changefeeds).as("changefeed examples").isGreaterThanOrEqualTo(6);
    assertThat(clusters).as("cluster examples").isGreaterThanOrEqualTo(2);
  }

  @Test
  void theStandaloneExampleIsAValidStandaloneFile() throws ConfigException {
    ChangefeedSettings s = ChangefeedDefaults.load(EXAMPLES.resolve("standalone.yaml"));
    assertThat(s.name()).isEqualTo("local-files");
  }
}
