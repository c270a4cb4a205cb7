package io.tidb.cdc.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tidb.cdc.crd.validation.CrdValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CRDs users apply (crds/generated, and the Helm chart's copy) must be exactly what this build
 * generates.
 */
class GeneratedCrdsAreCheckedInTest {
  static final Path CHECKED_IN = Path.of("generated");
  static final Path HELM_CHART = Path.of("..", "helm", "ticdc-operator", "crds");
  static final String REFRESH =
      "run `./mvnw -pl crds -Pupdate-crds process-classes` from the repository root"
          + " and commit crds/generated/ and helm/ticdc-operator/crds/";

  @Test
  void checkedInCrdsMatchTheGeneratedOnes() throws IOException {
    for (Path dir : new Path[] {CHECKED_IN, HELM_CHART}) {
      for (String plural : CrdValidator.PLURALS) {
        String name = CrdValidator.fileName(plural);
        String generated = generated(name);
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
          fail("%s is missing: %s", file, REFRESH);
        }
        String checkedIn = Files.readString(file, StandardCharsets.UTF_8);
        if (!checkedIn.equals(generated)) {
          fail(
              "%s differs from the CRD generated from the model (first difference at line %d): %s",
              file, firstDifferentLine(checkedIn, generated), REFRESH);
        }
      }
    }
  }

  @Test
  void noStaleCrdsAreCheckedIn() throws IOException {
    try (Stream<Path> files = Stream.concat(Files.list(CHECKED_IN), Files.list(HELM_CHART))) {
      assertThat(files.map(p -> p.getFileName().toString()).distinct())
          .as("files in crds/generated and the chart's crds/ (delete the others)")
          .containsExactlyInAnyOrderElementsOf(
              CrdValidator.PLURALS.stream().map(CrdValidator::fileName).toList());
    }
  }

  static String generated(String name) throws IOException {
    try (InputStream in =
        GeneratedCrdsAreCheckedInTest.class
            .getClassLoader()
            .getResourceAsStream("META-INF/fabric8/" + name)) {
      assertThat(in).as("generated %s on the classpath", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int firstDifferentLine(String a, String b) {
    String[] x = a.split("\n", -1);
    String[] y = b.split("\n", -1);
    int i = 0;
    while (i < x.length && i < y.length && x[i].equals(y[i])) {
      i++;
    }
    return i + 1;
  }
}
