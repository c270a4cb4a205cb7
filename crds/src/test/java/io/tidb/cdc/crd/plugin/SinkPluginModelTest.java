package io.tidb.cdc.crd.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.tidb.cdc.crd.RoundTrip;
import java.util.List;
import org.junit.jupiter.api.Test;

class SinkPluginModelTest {
  private static final String FULL =
      """
      apiVersion: cdc.tidb.io/v1alpha1
      kind: SinkPlugin
      metadata: {name: mask-pii}
      spec:
        runtime: wasm
        version: 1.1.0
        source:
          url: https://plugins.example.com/mask_pii-1.1.0.wasm
          sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
        config: {columns: "email,phone"}
        limits: {memory: 64Mi, timeout: 500ms, fuel: 10000000}
      status:
        activeVersion: 1.0.0
        targetVersion: 1.1.0
        rolloutPhase: Prepare
        acknowledgements:
          - {capture: c-0, version: 1.1.0, phase: Prepare}
          - {capture: c-1, version: 1.0.0, phase: Failed, message: "trap: out of fuel"}
        observedGeneration: 3
        conditions:
          - {type: Progressing, status: "True", reason: RollingOut, message: "1 of 2 prepared",
             lastTransitionTime: "2026-11-21T07:00:00Z"}
      """;

  @Test
  void everyFieldRoundTrips() {
    SinkPlugin plugin = RoundTrip.assertRoundTrips(FULL, SinkPlugin.class);
    assertThat(plugin.getSpec().runtime()).isEqualTo(PluginRuntime.WASM);
    assertThat(plugin.getSpec().source().configMapKeyRef()).isNull();
    assertThat(plugin.getSpec().limits().memory()).isEqualTo(new Quantity("64Mi"));
    assertThat(plugin.getSpec().limits().fuel()).isEqualTo(10_000_000L);
    assertThat(plugin.getStatus().rolloutPhase()).isEqualTo(RolloutPhase.Prepare);
    assertThat(plugin.getStatus().acknowledgements())
        .extracting(Acknowledgement::phase)
        .containsExactly(RolloutPhase.Prepare, RolloutPhase.Failed);
  }

  @Test
  void statusBuilderKeepsUntouchedFields() {
    SinkPluginStatus status =
        SinkPluginStatus.builder()
            .activeVersion("1")
            .targetVersion("2")
            .rolloutPhase(RolloutPhase.Prepare)
            .acknowledgements(List.of(new Acknowledgement("c-0", "2", RolloutPhase.Prepare, null)))
            .build();
    SinkPluginStatus next = status.toBuilder().rolloutPhase(RolloutPhase.Commit).build();
    assertThat(next.rolloutPhase()).isEqualTo(RolloutPhase.Commit);
    assertThat(next).usingRecursiveComparison().ignoringFields("rolloutPhase").isEqualTo(status);
  }
}
