package io.tidb.cdc.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.crd.validation.CrdValidator;
import io.tidb.cdc.crd.validation.YamlDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OLM bundle (bundle/) agrees with what the build generates and with the Helm
 * chart: same CRDs, exactly the three owned CRDs, examples that validate, the same RBAC rules.
 */
class OlmBundleTest {
  static final Path MANIFESTS = Path.of("..", "bundle", "manifests");
  private static final Path CSV = MANIFESTS.resolve("ticdc-operator.clusterserviceversion.yaml");
  private static final Path HELM_RBAC =
      Path.of("..", "helm", "ticdc-operator", "templates", "rbac.yaml");

  private static JsonNode csv() {
    return YamlDocuments.read(CSV).get(0);
  }

  @Test
  void theBundleCarriesTheGeneratedCrds() throws IOException {
    for (String plural : CrdValidator.PLURALS) {
      String name = CrdValidator.fileName(plural);
      assertThat(Files.readString(MANIFESTS.resolve(name), StandardCharsets.UTF_8))
          .as("bundle/manifests/%s (%s)", name, GeneratedCrdsAreCheckedInTest.REFRESH)
          .isEqualTo(GeneratedCrdsAreCheckedInTest.generated(name));
    }
  }

  @Test
  void theCsvOwnsExactlyTheThreeCrds() {
    List<String> owned = new ArrayList<>();
    for (JsonNode crd : csv().path("spec").path("customresourcedefinitions").path("owned")) {
      String name = crd.path("name").asText();
      owned.add(name);
      JsonNode generated =
          YamlDocuments.read(
                  MANIFESTS.resolve(name.replace(".cdc.tidb.io", "") + ".cdc.tidb.io-v1.yml"))
              .get(0);
      assertThat(crd.path("kind").asText())
          .as("kind of %s", name)
          .isEqualTo(generated.path("spec").path("names").path("kind").asText());
      assertThat(crd.path("version").asText())
          .as("version of %s", name)
          .isEqualTo(generated.path("spec").path("versions").get(0).path("name").asText());
    }
    assertThat(owned)
        .containsExactlyInAnyOrderElementsOf(
            CrdValidator.PLURALS.stream().map(p -> p + ".cdc.tidb.io").toList());
  }

  @Test
  void almExamplesValidateAgainstTheCrds() throws IOException {
    String examples = csv().path("metadata").path("annotations").path("alm-examples").asText();
    JsonNode docs = new ObjectMapper().readTree(examples);
    assertThat(docs.size()).isEqualTo(3);
    for (JsonNode doc : docs) {
      assertThat(CrdValidator.validate(doc)).as(doc.path("kind").asText()).isEmpty();
    }
  }

  @Test
  void csvPermissionsAreTheHelmChartsRules() throws IOException {
    List<JsonNode> helm = helmRuleLists();
    JsonNode install = csv().path("spec").path("install").path("spec");
    assertThat(install.path("clusterPermissions").get(0).path("rules"))
        .as("CSV clusterPermissions vs the chart's operator role")
        .isEqualTo(helm.get(0));
    assertThat(install.path("permissions").get(0).path("rules"))
        .as("CSV permissions vs the chart's leader-election role")
        .isEqualTo(helm.get(1));
  }

  /** The {@code rules:} lists of the chart's roles, read past the template lines. */
  private static List<JsonNode> helmRuleLists() throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String text = Files.readString(HELM_RBAC, StandardCharsets.UTF_8);
    for (String doc : text.split("\n---\n")) {
      int at = doc.indexOf("\nrules:\n");
      if (at < 0) {
        continue;
      }
      StringBuilder rules = new StringBuilder("rules:\n");
      for (String line : doc.substring(at + 8).split("\n")) {
        if (!line.startsWith(" ") && !line.startsWith("-")) {
          break;
        }
        if (!line.trim().startsWith("#")) {
          rules.append(line).append('\n');
        }
      }
      out.add(YamlDocuments.parse(rules.toString()).get(0).path("rules"));
    }
    assertThat(out).as("roles in %s", HELM_RBAC).hasSize(2);
    return out;
  }
}
