package io.tidb.cdc.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tidb.cdc.operator.changefeed.ChangefeedReconciler;
import io.tidb.cdc.operator.changefeed.GcSafepoints;
import io.tidb.cdc.operator.cluster.TiCDCClusterReconciler;
import io.tidb.cdc.operator.config.OperatorSettings;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.placement.PlacementController;
import io.tidb.cdc.operator.placement.PlacementListener;
import io.tidb.cdc.operator.plugin.SinkPluginReconciler;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.status.OperatorMetrics;
import io.tidb.cdc.operator.status.PlacementEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The operator as its Quarkus application wires it (three reconcilers and the placement loop), run
 * by plain Java Operator SDK in this JVM against the fabric8 mock API server, which the real
 * kubectl drives through the shim. Timings are shortened for a test: status every second, placement
 * debounced 100 ms with a 1 s periodic pass.
 */
public final class TestOperator implements AutoCloseable {
  private final MockApiServer api;
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private final EtcdConnections connections;
  private final PlacementController placement;
  private final Operator operator;
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private TestOperator(Path home) throws IOException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
    api = new MockApiServer();
    client = api.client();
    kubectl = new Kubectl(api.url(), home);
    connections = new EtcdConnections(Duration.ofSeconds(2));
    EventRecorder events = new EventRecorder(client);
    OperatorMetrics metrics = new OperatorMetrics(registry);
    placement =
        new PlacementController(
            PlacementListener.all(new PlacementEvents(events), metrics),
            System::currentTimeMillis,
            Duration.ofMillis(100),
            Duration.ofSeconds(1));
    OperatorSettings settings =
        new OperatorSettings(
            "0.1.0",
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    Clock clock = Clock.systemUTC();
    operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withCloseClientOnStop(false)
                    .checkingCRDAndValidateLocalModel(false));
    operator.register(new TiCDCClusterReconciler(connections, placement, events, settings, clock));
    operator.register(
        new ChangefeedReconciler(
            connections,
            placement,
            events,
            settings,
            clock,
            new GcSafepoints(Duration.ofSeconds(1)),
            metrics));
    operator.register(new SinkPluginReconciler(events, clock));
  }

  /** Starts the operator; kubectl keeps its config and cache under {@code home}. */
  public static TestOperator start(Path home) throws IOException {
    TestOperator o = new TestOperator(home);
    o.operator.start();
    return o;
  }

  public KubernetesClient client() {
    return client;
  }

  /** What the operator's Prometheus endpoint would show. */
  public MeterRegistry registry() {
    return registry;
  }

  public Kubectl kubectl() {
    return kubectl;
  }

  @Override
  public void close() {
    operator.stop();
    placement.close();
    connections.close();
    client.close();
    api.close();
  }
}
