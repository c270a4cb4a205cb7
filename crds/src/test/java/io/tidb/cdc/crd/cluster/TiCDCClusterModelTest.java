package io.tidb.cdc.crd.cluster;

import static io.tidb.cdc.crd.RoundTrip.SERIALIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tidb.cdc.crd.RoundTrip;
import io.tidb.cdc.crd.common.ConditionTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class TiCDCClusterModelTest {
  private static final String FULL =
      """
      apiVersion: cdc.tidb.io/v1alpha1
      kind: TiCDCCluster
      metadata:
        name: main
        namespace: tidb
      spec:
        upstream:
          pdAddresses: ["https://pd-0.pd:2379", "pd-1.pd:2379"]
          tlsSecretRef: {name: tidb-tls}
        etcd:
          endpoints: ["etcd:2379"]
          tlsSecretRef: {name: etcd-tls}
        replicas: 5
        image: registry.local/ticdc:dev
        imagePullPolicy: Always
        resources:
          requests: {cpu: "2", memory: 4Gi}
          limits: {memory: 4Gi}
        jvm: {maxHeap: 3Gi, options: ["-XX:+UseG1GC"]}
        worker:
          sorterMemory: 2Gi
          config: {per-table-memory-quota: 10MiB}
        sorterVolume: {size: 50Gi, storageClassName: fast}
        gcTtl: "86400"
        drainTimeout: 2m30s
      status:
        observedGeneration: 4
        replicas: 5
        readyWorkers: 4
        captures:
          - {id: c-0, address: "main-0.main:8300", ready: true, tables: 12}
          - {id: c-1, address: "main-1.main:8300", ready: false, tables: 0}
        drain:
          capture: c-1
          startedAt: "2026-11-21T07:00:00Z"
          deadline: "2026-11-21T07:05:00Z"
          drainTimeout: 5m
        conditions:
          - type: Ready
            status: "False"
            reason: Draining
            message: main-1 is handing over its tables
            lastTransitionTime: "2026-11-21T07:00:00Z"
            observedGeneration: 4
      """;

  @Test
  void everyFieldRoundTrips() {
    TiCDCCluster cluster = RoundTrip.assertRoundTrips(FULL, TiCDCCluster.class);
    TiCDCClusterSpec spec = cluster.getSpec();
    assertThat(spec.upstream().pdAddresses())
        .containsExactly("https://pd-0.pd:2379", "pd-1.pd:2379");
    assertThat(spec.imagePullPolicy()).isEqualTo(ImagePullPolicy.ALWAYS);
    assertThat(spec.jvm().maxHeap()).isEqualTo(new Quantity("3Gi"));
    assertThat(spec.worker().config()).containsEntry("per-table-memory-quota", "10MiB");
    assertThat(cluster.getStatus().captures())
        .extracting(CaptureStatus::tables)
        .containsExactly(12, 0);
    assertThat(cluster.getStatus().conditions().get(0).getReason()).isEqualTo("Draining");
  }

  @Test
  void unsetFieldsAreNotWritten() {
    TiCDCCluster cluster = new TiCDCCluster();
    assertThat(cluster.getSpec()).isNull();
    assertThat(cluster.getStatus()).isNull();
    cluster.setMetadata(new ObjectMetaBuilder().withName("main").build());
    cluster.setSpec(
        new TiCDCClusterSpec(
            new UpstreamSpec(List.of("pd:2379"), null),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
    assertThat(RoundTrip.tree(SERIALIZATION.asYaml(cluster)))
        .isEqualTo(
            RoundTrip.tree(
                """
                apiVersion: cdc.tidb.io/v1alpha1
                kind: TiCDCCluster
                metadata: {name: main}
                spec:
                  upstream: {pdAddresses: ["pd:2379"]}
                """));
  }

  @Test
  void statusBuilderKeepsUntouchedFields() {
    TiCDCClusterStatus status =
        TiCDCClusterStatus.builder()
            .observedGeneration(2L)
            .replicas(3)
            .readyWorkers(2)
            .captures(List.of(new CaptureStatus("c-0", "a:8300", true, 1)))
            .conditions(
                List.of(
                    new ConditionBuilder()
                        .withType(ConditionTypes.READY)
                        .withStatus("True")
                        .build()))
            .build();
    TiCDCClusterStatus next = status.toBuilder().readyWorkers(3).build();
    assertThat(next.readyWorkers()).isEqualTo(3);
    assertThat(next).usingRecursiveComparison().ignoringFields("readyWorkers").isEqualTo(status);
    assertThat(next.drain()).isNull();
  }

  @Test
  void resourceIdentity() {
    TiCDCCluster cluster = new TiCDCCluster();
    assertThat(cluster.getApiVersion()).isEqualTo("cdc.tidb.io/v1alpha1");
    assertThat(cluster.getKind()).isEqualTo(TiCDCCluster.KIND);
    assertThat(cluster.getPlural()).isEqualTo(TiCDCCluster.PLURAL);
    assertThat(cluster.getCRDName()).isEqualTo("ticdcclusters.cdc.tidb.io");
  }
}
