package io.tidb.cdc.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceFileTest {
  static final String CLUSTER =
      """
      apiVersion: cdc.tidb.io/v1alpha1
      kind: TiCDCCluster
      metadata: {name: local}
      spec:
        upstream:
          pdAddresses: ["127.0.0.1:2379"]
      """;

  /** The example of issue 4, verbatim. */
  static final String ISSUE_EXAMPLE =
      CLUSTER
          + """
          ---
          apiVersion: cdc.tidb.io/v1alpha1
          kind: Changefeed
          metadata: {name: demo}
          spec:
            cluster: local
            filter: {rules: ["app.*", "!app.tmp_*"]}
            sink: {uri: "file:///tmp/demo-out?protocol=canal-json"}
          """;

  @Test
  void readsTheIssueExample() throws Exception {
    StandaloneFile f = ResourceFile.parse(ISSUE_EXAMPLE, "demo.yaml");
    assertThat(f.cluster().metadata().name()).isEqualTo("local");
    assertThat(f.cluster().spec().upstream().pdAddresses()).containsExactly("127.0.0.1:2379");
    assertThat(f.cluster().spec().gcTtl()).isNull();
    assertThat(f.changefeed().metadata().name()).isEqualTo("demo");
    assertThat(f.changefeed().spec().cluster()).isEqualTo("local");
    assertThat(f.changefeed().spec().filter().rules()).containsExactly("app.*", "!app.tmp_*");
    assertThat(f.changefeed().spec().filter().caseSensitive()).isNull();
    assertThat(f.changefeed().spec().sink().uri())
        .isEqualTo("file:///tmp/demo-out?protocol=canal-json");
    assertThat(f.changefeed().spec().startTs()).isNull();
  }

  @Test
  void readsEveryStandaloneField() throws Exception {
    String yaml =
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local, namespace: prod, labels: {team: data}}
        spec:
          upstream:
            pdAddresses: ["http://pd-0:2379", "pd-1:2379"]
            tlsSecretRef: {name: upstream-tls}
          gcTtl: 12h
          worker: {sorterMemory: 512Mi}
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: orders, namespace: prod}
        spec:
          cluster: local
          startTs: 449999999999999999
          targetTs: 450000000000000000
          state: paused
          filter:
            rules: ["shop.*"]
            caseSensitive: true
            eventFilters:
              - matcher: ["shop.audit"]
                ignoreEvent: ["delete", "drop table"]
                ignoreSql: ["^ALTER"]
            ignoreTxnStartTs: [42]
          sink:
            uri: blackhole://
            protocol: canal-json
            options: {enable-tidb-extension: "true"}
        """;
    StandaloneFile f = ResourceFile.parse(yaml, "x");
    ChangefeedSpec s = f.changefeed().spec();
    assertThat(f.cluster().spec().upstream().tlsSecretRef().name()).isEqualTo("upstream-tls");
    assertThat(f.cluster().spec().worker().sorterMemory()).isEqualTo("512Mi");
    assertThat(s.startTs()).isEqualTo(449999999999999999L);
    assertThat(s.targetTs()).isEqualTo(450000000000000000L);
    assertThat(s.filter().eventFilters().get(0).ignoreEvent())
        .containsExactly("delete", "drop table");
    assertThat(s.filter().ignoreTxnStartTs()).containsExactly(42L);
    assertThat(s.sink().options()).containsEntry("enable-tidb-extension", "true");
  }

  @Test
  void refusesUnknownFieldsNamingPathAndKnownFieldsAllAtOnce() {
    String yaml =
        ISSUE_EXAMPLE
            .replace("sink: {uri:", "sink: {urii:")
            .replace("filter: {rules:", "filter: {rulez:")
            .replace("pdAddresses", "pdAddress");
    assertThatThrownBy(() -> ResourceFile.parse(yaml, "demo.yaml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .extracting(ConfigProblem::toString)
                  .containsExactlyInAnyOrder(
                      "TiCDCCluster local: spec.upstream.pdAddress: unknown field (known:"
                          + " pdAddresses, tlsSecretRef)",
                      "Changefeed demo: spec.filter.rulez: unknown field (known: rules,"
                          + " caseSensitive, eventFilters, ignoreTxnStartTs)",
                      "Changefeed demo: spec.sink.urii: unknown field (known: uri, protocol,"
                          + " credentialsSecretRef, dispatchers, options)");
              assertThat(e.getMessage()).startsWith("demo.yaml has 3 problems:");
            });
  }

  @Test
  void acceptsEveryContractFieldAndListsTheKubernetesOnlyOnes() throws Exception {
    String yaml =
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local, namespace: prod}
        spec:
          upstream: {pdAddresses: ["127.0.0.1:2379"], tlsSecretRef: {name: pd-tls}}
          etcd: {endpoints: ["127.0.0.1:2379"], tlsSecretRef: {name: etcd-tls}}
          replicas: 3
          image: ghcr.io/tidb-cdc/ticdc:0.1.0
          imagePullPolicy: IfNotPresent
          resources: {limits: {cpu: "2"}, requests: {memory: 2Gi}}
          jvm: {maxHeap: 2Gi, options: ["-XX:+UseZGC"]}
          worker: {sorterMemory: 1Gi, config: {a: b}}
          sorterVolume: {size: 10Gi, storageClassName: fast}
          gcTtl: 24h
          drainTimeout: 5m
        status: {readyWorkers: 3}
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: demo, namespace: prod}
        spec:
          cluster: local
          startTs: 0
          targetTs: 0
          state: running
          filter:
            rules: ["app.*"]
            caseSensitive: false
            eventFilters: [{matcher: ["app.t"], ignoreEvent: ["insert"], ignoreSql: ["^DROP"]}]
            ignoreTxnStartTs: [1]
          sink:
            uri: "blackhole://"
            protocol: canal-json
            credentialsSecretRef: {name: creds}
            dispatchers: [{matcher: ["app.*"], topic: "{schema}_{table}", partition: ts, columns: []}]
            options: {}
          pluginRef: {name: mask}
        """;
    StandaloneFile f = ResourceFile.parse(yaml, "all.yaml");
    assertThat(ChangefeedValidator.validate(f)).isEmpty();
    assertThat(KubernetesOnlyFields.present(f))
        .contains(
            "TiCDCCluster spec.replicas",
            "TiCDCCluster spec.etcd",
            "TiCDCCluster spec.drainTimeout",
            "Changefeed spec.pluginRef",
            "Changefeed spec.sink.credentialsSecretRef",
            "Changefeed spec.sink.dispatchers");
    String bad = yaml.replace("partition: ts", "partition: random");
    assertThat(ChangefeedValidator.validate(ResourceFile.parse(bad, "bad.yaml")))
        .extracting(ConfigProblem::toString)
        .anyMatch(p -> p.contains("spec.sink.dispatchers[0].partition") && p.contains("random"));
  }

  @Test
  void namesTheFieldOfAWrongType() {
    String yaml = ISSUE_EXAMPLE.replace("cluster: local", "cluster: local\n  startTs: soon");
    assertThatThrownBy(() -> ResourceFile.parse(yaml, "f"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::toString)
                    .containsExactly(
                        "Changefeed demo: spec.startTs: expected an integer, got 'soon'"));
  }

  @Test
  void namesAScalarWhereAListBelongs() {
    String yaml = ISSUE_EXAMPLE.replace("{rules: [\"app.*\", \"!app.tmp_*\"]}", "{rules: 7}");
    assertThatThrownBy(() -> ResourceFile.parse(yaml, "f"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p.path()).isEqualTo("spec.filter.rules"))
                    .satisfies(p -> assertThat(p.message()).isEqualTo("expected a list")));
  }

  @Test
  void refusesMissingAndRepeatedDocumentsAndForeignKinds() {
    assertThatThrownBy(() -> ResourceFile.parse(CLUSTER, "f"))
        .hasMessageContaining("no Changefeed document");
    String twice =
        ISSUE_EXAMPLE + "---\n" + ISSUE_EXAMPLE.substring(ISSUE_EXAMPLE.indexOf("apiVersion", 10));
    assertThatThrownBy(() -> ResourceFile.parse(twice, "f"))
        .hasMessageContaining("2 Changefeed documents");
    String foreign = ISSUE_EXAMPLE + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n";
    assertThatThrownBy(() -> ResourceFile.parse(foreign, "f"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .extracting(ConfigProblem::toString)
                    .containsExactly(
                        "ConfigMap x: apiVersion: 'v1' is not supported; expected"
                            + " cdc.tidb.io/v1alpha1",
                        "ConfigMap x: kind: 'ConfigMap' is not supported here; expected"
                            + " TiCDCCluster or Changefeed"));
  }

  @Test
  void refusesBrokenYaml() {
    assertThatThrownBy(() -> ResourceFile.parse("kind: [unclosed", "bad.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad.yaml")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void emptyDocumentsAreSkipped() throws Exception {
    StandaloneFile f = ResourceFile.parse("---\n" + ISSUE_EXAMPLE + "---\n", "f");
    assertThat(List.of(f.cluster().kind(), f.changefeed().kind()))
        .containsExactly("TiCDCCluster", "Changefeed");
  }
}
