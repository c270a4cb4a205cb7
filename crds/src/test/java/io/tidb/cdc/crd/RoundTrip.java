package io.tidb.cdc.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;

/** YAML → model → YAML through fabric8's serialization, as the client and the operator do it. */
public final class RoundTrip {
  public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final YAMLMapper YAML = new YAMLMapper();

  private RoundTrip() {}

  /**
   * Reads the document into {@code type}, writes it back, and asserts nothing was lost or added.
   */
  public static <T extends HasMetadata> T assertRoundTrips(JsonNode document, Class<T> type) {
    T model = SERIALIZATION.unmarshal(SERIALIZATION.asYaml(document), type);
    assertThat(tree(SERIALIZATION.asYaml(model)))
        .as("%s written back from the model", type.getSimpleName())
        .isEqualTo(document);
    return model;
  }

  public static <T extends HasMetadata> T assertRoundTrips(String yaml, Class<T> type) {
    return assertRoundTrips(tree(yaml), type);
  }

  public static JsonNode tree(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
