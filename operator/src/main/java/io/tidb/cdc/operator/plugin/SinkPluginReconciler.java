package io.tidb.cdc.operator.plugin;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.crd.plugin.SinkPluginStatus;
import io.tidb.cdc.operator.status.EventRecorder;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/** SinkPlugin → validation and status; the runtimes and the rollout come with the plugin issue. */
@ControllerConfiguration(name = SinkPluginReconciler.NAME)
public class SinkPluginReconciler implements Reconciler<SinkPlugin> {
  public static final String NAME = "sinkplugin";

  private final EventRecorder events;
  private final Clock clock;

  @Inject
  public SinkPluginReconciler(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public UpdateControl<SinkPlugin> reconcile(SinkPlugin plugin, Context<SinkPlugin> context) {
    List<String> problems = SinkPluginValidation.problems(plugin.getSpec());
    SinkPluginStatus next = SinkPluginStatusCalculator.status(plugin, problems, clock.instant());
    if (Objects.equals(plugin.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    if (!problems.isEmpty()) {
      events.warning(plugin, "InvalidSpec", String.join("; ", problems));
    } else if (plugin.getStatus() == null
        || !Objects.equals(plugin.getStatus().activeVersion(), next.activeVersion())) {
      events.normal(plugin, "VersionActive", "version " + next.activeVersion() + " is active");
    }
    plugin.setStatus(next);
    return UpdateControl.patchStatus(plugin);
  }
}
