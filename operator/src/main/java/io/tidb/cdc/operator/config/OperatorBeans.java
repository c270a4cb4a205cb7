package io.tidb.cdc.operator.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.tidb.cdc.operator.changefeed.GcSafepoints;
import io.tidb.cdc.operator.etcd.EtcdConnections;
import io.tidb.cdc.operator.placement.PlacementController;
import io.tidb.cdc.operator.placement.PlacementListener;
import io.tidb.cdc.operator.status.EventRecorder;
import io.tidb.cdc.operator.status.OperatorMetrics;
import io.tidb.cdc.operator.status.PlacementEvents;
import io.tidb.cdc.operator.tls.SecretTls;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The operator's shared services, as CDI beans for the reconcilers. */
@Singleton
public class OperatorBeans {
  @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0-SNAPSHOT")
  String version;

  @ConfigProperty(name = "ticdc.operator.etcd-timeout", defaultValue = "5s")
  Duration etcdTimeout;

  @ConfigProperty(name = "ticdc.operator.status-interval", defaultValue = "3s")
  Duration statusInterval;

  @ConfigProperty(name = "ticdc.operator.cluster-resync", defaultValue = "10s")
  Duration clusterResync;

  @ConfigProperty(name = "ticdc.operator.cleanup-wait", defaultValue = "30s")
  Duration cleanupWait;

  @ConfigProperty(name = "ticdc.operator.lease-name", defaultValue = "ticdc-operator-leader")
  String leaseName;

  @Produces
  @Singleton
  OperatorSettings settings() {
    return new OperatorSettings(
        version.replace("-SNAPSHOT", ""), etcdTimeout, statusInterval, clusterResync, cleanupWait);
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  EtcdConnections etcd(KubernetesClient client) {
    return new EtcdConnections(etcdTimeout, SecretTls.from(client));
  }

  void closeEtcd(@Disposes EtcdConnections etcd) {
    etcd.close();
  }

  @Produces
  @Singleton
  EventRecorder events(KubernetesClient client) {
    return new EventRecorder(client);
  }

  @Produces
  @Singleton
  OperatorMetrics metrics(MeterRegistry registry) {
    return new OperatorMetrics(registry);
  }

  @Produces
  @Singleton
  PlacementController placement(EventRecorder events, OperatorMetrics metrics, Clock clock) {
    return new PlacementController(
        PlacementListener.all(new PlacementEvents(events), metrics),
        clock::millis,
        Duration.ofMillis(300),
        Duration.ofSeconds(5));
  }

  void closePlacement(@Disposes PlacementController placement) {
    placement.close();
  }

  @Produces
  @Singleton
  GcSafepoints gcSafepoints(KubernetesClient client) {
    return new GcSafepoints(etcdTimeout, SecretTls.from(client));
  }

  /**
   * Lease-based leader election (coordination.k8s.io Lease in the operator's namespace); Quarkus
   * Operator SDK activates it in the profiles of {@code
   * quarkus.operator-sdk.activate-leader-election-for-profiles}.
   */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection() {
    return new LeaderElectionConfiguration(leaseName);
  }
}
