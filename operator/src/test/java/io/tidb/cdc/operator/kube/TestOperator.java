package io.tidb.cdc.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
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
import io.tidb.cdc.operator.tls.SecretTls;
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
  private final boolean ownsApi;
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private final EtcdConnections connections;
  private final PlacementController placement;
  private final Operator operator;
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private TestOperator(Path home, MockApiServer shared, LeaderElectionConfiguration election)
      throws IOException {
    Files.createDirectories(home);
    Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
    ownsApi = shared == null;
    api = ownsApi ? new MockApiServer() : shared;
    client = api.client();
    kubectl = new Kubectl(api.url(), home);
    connections = new EtcdConnections(Duration.ofSeconds(2), SecretTls.from(client));
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
                    .checkingCRDAndValidateLocalModel(false)
                    .withLeaderElectionConfiguration(election));
    operator.register(new TiCDCClusterReconciler(connections, placement, events, settings, clock));
    operator.register(
        new ChangefeedReconciler(
            connections,
            placement,
            events,
            settings,
            clock,
            new GcSafepoints(Duration.ofSeconds(1), SecretTls.from(client)),
            metrics));
    operator.register(new SinkPluginReconciler(events, clock));
  }

  /** Starts the operator; kubectl keeps its config and cache under {@code home}. */
  public static TestOperator start(Path home) throws IOException {
    TestOperator o = new TestOperator(home, null, null);
    o.operator.start();
    return o;
  }

  /**
   * Starts one of several operator replicas on a shared {@code api} (which {@link #close()} leaves
   * running), electing a leader as {@code election} says; only the leader reconciles. Give it
   * {@code exitOnStopLeading = false}: the JOSDK default exits the JVM when the lease is lost.
   */
  public static TestOperator start(
      Path home, MockApiServer api, LeaderElectionConfiguration election) throws IOException {
    TestOperator o = new TestOperator(home, api, election);
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
    if (ownsApi) {
      api.close();
    }
  }
}
