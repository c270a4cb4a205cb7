package io.tidb.cdc.operator.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tidb.cdc.crd.plugin.ConfigMapKeyRef;
import io.tidb.cdc.crd.plugin.PluginLimits;
import io.tidb.cdc.crd.plugin.PluginRuntime;
import io.tidb.cdc.crd.plugin.PluginSource;
import io.tidb.cdc.crd.plugin.RolloutPhase;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.crd.plugin.SinkPluginSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkPluginValidationTest {
  private static final String SHA = "a".repeat(64);

  @Test
  void validSourcesPass() {
    assertThat(
            SinkPluginValidation.problems(
                new SinkPluginSpec(
                    PluginRuntime.LUA,
                    "1",
                    new PluginSource(new ConfigMapKeyRef("c", "k"), null, null),
                    null,
                    null)))
        .isEmpty();
    assertThat(
            SinkPluginValidation.problems(
                new SinkPluginSpec(
                    PluginRuntime.WASM,
                    "1",
                    new PluginSource(null, "https://x/p.wasm", SHA),
                    null,
                    new PluginLimits(null, "2s", 10L))))
        .isEmpty();
  }

  @Test
  void problemsNameTheField() {
    assertThat(
            SinkPluginValidation.problems(
                new SinkPluginSpec(
                    PluginRuntime.JAR,
                    "1",
                    new PluginSource(new ConfigMapKeyRef("c", "k"), "https://x", SHA),
                    null,
                    null)))
        .containsExactly("spec.source needs exactly one of configMapKeyRef or url");
    assertThat(
            SinkPluginValidation.problems(
                new SinkPluginSpec(
                    PluginRuntime.JAR,
                    "1",
                    new PluginSource(null, "https://x", "abc"),
                    null,
                    null)))
        .singleElement()
        .asString()
        .contains("sha256");
    assertThat(
            SinkPluginValidation.problems(
                new SinkPluginSpec(null, " ", null, null, new PluginLimits(null, "soon", -1L))))
        .hasSize(5);
  }

  @Test
  void statusActivatesAValidVersionAtOnce() {
    SinkPlugin p = new SinkPlugin();
    p.setMetadata(new ObjectMetaBuilder().withName("p").withGeneration(2L).build());
    p.setSpec(
        new SinkPluginSpec(
            PluginRuntime.GRPC,
            "2.0",
            new PluginSource(new ConfigMapKeyRef("c", "k"), null, null),
            null,
            null));

    var ok = SinkPluginStatusCalculator.status(p, List.of(), Instant.EPOCH);
    var bad =
        SinkPluginStatusCalculator.status(p, List.of("spec.version is required"), Instant.EPOCH);

    assertThat(ok.activeVersion()).isEqualTo("2.0");
    assertThat(ok.rolloutPhase()).isEqualTo(RolloutPhase.Idle);
    assertThat(ok.observedGeneration()).isEqualTo(2);
    assertThat(bad.rolloutPhase()).isEqualTo(RolloutPhase.Failed);
    assertThat(bad.activeVersion()).isNull();
    assertThat(bad.conditions())
        .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("InvalidSpec"));
  }
}
