package io.tidb.cdc.crd.changefeed;

import static io.tidb.cdc.crd.RoundTrip.SERIALIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.tidb.cdc.crd.RoundTrip;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangefeedModelTest {
  private static final String FULL =
      """
      apiVersion: cdc.tidb.io/v1alpha1
      kind: Changefeed
      metadata: {name: orders, namespace: tidb}
      spec:
        cluster: main
        startTs: 452046413830553601
        targetTs: 452046413830553999
        state: paused
        filter:
          rules: ["shop.*", "!shop.tmp_*"]
          caseSensitive: true
          eventFilters:
            - {matcher: ["shop.audit"], ignoreEvent: [delete], ignoreSql: ["^DROP"]}
          ignoreTxnStartTs: [452046413830553700]
        sink:
          uri: kafka://kafka:9092/orders
          protocol: canal-json
          credentialsSecretRef: {name: kafka-sasl}
          dispatchers:
            - {matcher: ["shop.orders"], topic: "{schema}_{table}", partition: index-value}
            - {matcher: ["shop.*"], partition: columns, columns: [region]}
          options: {max-message-bytes: "1048576"}
        pluginRef: {name: mask-pii}
      status:
        phase: Warning
        checkpointTs: 452046413830553650
        checkpointTime: "2026-11-21T07:00:00.123Z"
        resolvedTs: 452046413830553660
        lagSeconds: 1.5
        tableCount: 42
        tablesPerWorker: {c-0: 21, c-1: 21}
        maintainer: c-0
        lastError: {message: "kafka: broker not available", time: "2026-11-21T06:59:00Z", retries: 3}
        observedGeneration: 7
        conditions:
          - {type: Degraded, status: "True", reason: SinkError, message: retrying,
             lastTransitionTime: "2026-11-21T06:59:00Z"}
      """;

  @Test
  void everyFieldRoundTrips() {
    Changefeed cf = RoundTrip.assertRoundTrips(FULL, Changefeed.class);
    ChangefeedSpec spec = cf.getSpec();
    assertThat(spec.startTs()).isEqualTo(452046413830553601L);
    assertThat(spec.state()).isEqualTo(ChangefeedState.PAUSED);
    assertThat(spec.sink().protocol()).isEqualTo(SinkProtocol.CANAL_JSON);
    assertThat(spec.sink().scheme()).isEqualTo("kafka");
    assertThat(spec.sink().dispatchers())
        .extracting(DispatcherRule::partition)
        .containsExactly(PartitionStrategy.INDEX_VALUE, PartitionStrategy.COLUMNS);
    assertThat(spec.filter().ignoreTxnStartTs()).containsExactly(452046413830553700L);
    ChangefeedStatus status = cf.getStatus();
    assertThat(status.phase()).isEqualTo(ChangefeedPhase.Warning);
    assertThat(status.tablesPerWorker()).containsEntry("c-1", 21);
    assertThat(status.lastError().retries()).isEqualTo(3);
  }

  @Test
  void unsetFieldsAreNotWritten() {
    Changefeed cf = new Changefeed();
    assertThat(cf.getSpec()).isNull();
    cf.setMetadata(new ObjectMetaBuilder().withName("bh").build());
    cf.setSpec(
        new ChangefeedSpec(
            "main",
            null,
            null,
            null,
            null,
            new SinkSpec("blackhole://", null, null, null, null),
            null));
    assertThat(RoundTrip.tree(SERIALIZATION.asYaml(cf)))
        .isEqualTo(
            RoundTrip.tree(
                """
                apiVersion: cdc.tidb.io/v1alpha1
                kind: Changefeed
                metadata: {name: bh}
                spec: {cluster: main, sink: {uri: "blackhole://"}}
                """));
  }

  @Test
  void defaultsApplyOnlyToUnsetFields() {
    ChangefeedSpec bare =
        new ChangefeedSpec(
            "main",
            null,
            null,
            null,
            null,
            new SinkSpec("file:///x", null, null, null, null),
            null);
    assertThat(ChangefeedDefaults.state(bare)).isEqualTo(ChangefeedState.RUNNING);
    assertThat(ChangefeedDefaults.targetTs(bare)).isZero();
    assertThat(ChangefeedDefaults.hasTarget(bare)).isFalse();
    assertThat(ChangefeedDefaults.filterRules(bare)).containsExactly("*.*");
    assertThat(ChangefeedDefaults.caseSensitive(bare)).isFalse();

    ChangefeedSpec set =
        new ChangefeedSpec(
            "main",
            5L,
            10L,
            ChangefeedState.STOPPED,
            new FilterSpec(List.of("db.*"), true, null, null),
            new SinkSpec("file:///x", null, null, null, Map.of()),
            null);
    assertThat(ChangefeedDefaults.state(set)).isEqualTo(ChangefeedState.STOPPED);
    assertThat(ChangefeedDefaults.targetTs(set)).isEqualTo(10L);
    assertThat(ChangefeedDefaults.hasTarget(set)).isTrue();
    assertThat(ChangefeedDefaults.filterRules(set)).containsExactly("db.*");
    assertThat(ChangefeedDefaults.caseSensitive(set)).isTrue();
    assertThat(ChangefeedDefaults.partition(new DispatcherRule(null, "t", null, null)))
        .isEqualTo(PartitionStrategy.DEFAULT);
  }

  @Test
  void schemeIsTheUriPrefix() {
    assertThat(new SinkSpec("pulsar+ssl://p:6651/t", null, null, null, null).scheme())
        .isEqualTo("pulsar+ssl");
    assertThat(new SinkSpec("MySQL://db:3306/", null, null, null, null).scheme())
        .isEqualTo("mysql");
    assertThat(new SinkSpec("no-scheme", null, null, null, null).scheme()).isNull();
  }

  @Test
  void statusBuilderKeepsUntouchedFields() {
    ChangefeedStatus status =
        ChangefeedStatus.builder()
            .phase(ChangefeedPhase.Normal)
            .checkpointTs(10L)
            .tableCount(3)
            .tablesPerWorker(Map.of("c-0", 3))
            .observedGeneration(1L)
            .build();
    ChangefeedStatus next = status.toBuilder().checkpointTs(11L).lagSeconds(0.5).build();
    assertThat(next.checkpointTs()).isEqualTo(11L);
    assertThat(next.lagSeconds()).isEqualTo(0.5);
    assertThat(next)
        .usingRecursiveComparison()
        .ignoringFields("checkpointTs", "lagSeconds")
        .isEqualTo(status);
  }
}
