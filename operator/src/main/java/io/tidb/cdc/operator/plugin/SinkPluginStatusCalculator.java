package io.tidb.cdc.operator.plugin;

import io.tidb.cdc.crd.common.ConditionTypes;
import io.tidb.cdc.crd.plugin.RolloutPhase;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.crd.plugin.SinkPluginStatus;
import io.tidb.cdc.operator.status.ConditionSpec;
import io.tidb.cdc.operator.status.Conditions;
import java.time.Instant;
import java.util.List;

/**
 * A SinkPlugin's status until rollouts exist (plugin issue): a valid plugin's version is active at
 * once and the rollout is Idle; an invalid one keeps the last active version and says why. Pure.
 */
public final class SinkPluginStatusCalculator {
  private SinkPluginStatusCalculator() {}

  public static SinkPluginStatus status(SinkPlugin p, List<String> problems, Instant now) {
    SinkPluginStatus previous = p.getStatus();
    long generation = p.getMetadata().getGeneration() == null ? 0 : p.getMetadata().getGeneration();
    SinkPluginStatus.Builder b =
        previous == null ? SinkPluginStatus.builder() : previous.toBuilder();
    String version = p.getSpec() == null ? null : p.getSpec().version();
    List<ConditionSpec> conditions;
    if (problems.isEmpty()) {
      b.activeVersion(version).targetVersion(version).rolloutPhase(RolloutPhase.Idle);
      conditions =
          List.of(
              new ConditionSpec(
                  ConditionTypes.READY, true, "Valid", "version " + version + " is active"),
              new ConditionSpec(
                  ConditionTypes.PROGRESSING, false, "Idle", "no rollout in progress"),
              new ConditionSpec(ConditionTypes.DEGRADED, false, "AsExpected", "no problem seen"));
    } else {
      String why = String.join("; ", problems);
      b.targetVersion(version).rolloutPhase(RolloutPhase.Failed);
      conditions =
          List.of(
              new ConditionSpec(ConditionTypes.READY, false, "InvalidSpec", why),
              new ConditionSpec(ConditionTypes.PROGRESSING, false, "InvalidSpec", why),
              new ConditionSpec(ConditionTypes.DEGRADED, true, "InvalidSpec", why));
    }
    return b.observedGeneration(generation)
        .conditions(
            Conditions.merge(
                previous == null ? null : previous.conditions(), conditions, generation, now))
        .build();
  }
}
