package io.tidb.cdc.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.filter.CaseSensitivity;
import io.tidb.cdc.worker.sink.SinkScheme;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangefeedValidatorTest {
  private static List<ConfigProblem> problems(String yaml) throws ConfigException {
    return ChangefeedValidator.validate(ResourceFile.parse(yaml, "f"));
  }

  private static String changefeed(String spec) {
    return ResourceFileTest.CLUSTER
        + "---\napiVersion: cdc.tidb.io/v1alpha1\nkind: Changefeed\nmetadata: {name: demo}\n"
        + "spec:\n"
        + spec;
  }

  @Test
  void theIssueExampleIsValidAndGetsItsDefaults() throws Exception {
    StandaloneFile f = ResourceFile.parse(ResourceFileTest.ISSUE_EXAMPLE, "f");
    assertThat(ChangefeedValidator.validate(f)).isEmpty();
    ChangefeedSettings s = ChangefeedDefaults.apply(f);
    assertThat(s.id()).isEqualTo("default/demo");
    assertThat(s.pdAddresses()).containsExactly("127.0.0.1:2379");
    assertThat(s.gcTtl()).isEqualTo(Duration.ofHours(24));
    assertThat(s.sorterMemoryBytes()).isEqualTo(1L << 30);
    assertThat(s.startTs()).isZero();
    assertThat(s.hasTargetTs()).isFalse();
    assertThat(s.state()).isEqualTo(DesiredState.RUNNING);
    assertThat(s.filter().rules()).containsExactly("app.*", "!app.tmp_*");
    assertThat(s.filter().caseSensitivity()).isEqualTo(CaseSensitivity.INSENSITIVE);
    assertThat(s.sinkUri().scheme()).isEqualTo(SinkScheme.FILE);
    assertThat(s.sinkUri().path()).isEqualTo("/tmp/demo-out");
    assertThat(s.sinkUri().params()).containsEntry("protocol", "canal-json");
  }

  @Test
  void protocolAndOptionsJoinTheUriParameters() throws Exception {
    String yaml =
        changefeed(
            "  cluster: local\n  sink:\n    uri: file:///x\n    protocol: canal-json\n"
                + "    options: {enable-tidb-extension: \"true\"}\n");
    assertThat(problems(yaml)).isEmpty();
    ChangefeedSettings s = ChangefeedDefaults.apply(ResourceFile.parse(yaml, "f"));
    assertThat(s.sinkUri().params())
        .containsEntry("protocol", "canal-json")
        .containsEntry("enable-tidb-extension", "true");
  }

  @Test
  void reportsEveryProblemWithItsField() throws Exception {
    String yaml =
        changefeed(
            """
              cluster: remote
              startTs: 200
              targetTs: 100
              state: running-fast
              filter:
                rules: ["app.*", "app.[", "!"]
                eventFilters:
                  - matcher: ["db.t"]
                    ignoreEvent: ["insert", "explode"]
                    ignoreSql: ["(unclosed"]
              sink: {uri: "kafkaa://broker:9092/t"}
            """);
    List<String> paths = problems(yaml).stream().map(ConfigProblem::path).toList();
    assertThat(paths)
        .containsExactly(
            "spec.cluster",
            "spec.targetTs",
            "spec.state",
            "spec.filter.rules[1]",
            "spec.filter.rules[2]",
            "spec.filter.eventFilters[0].ignoreEvent[1]",
            "spec.filter.eventFilters[0].ignoreSql[0]",
            "spec.sink.uri");
    List<ConfigProblem> all = problems(yaml);
    assertThat(all.get(0).toString())
        .isEqualTo(
            "Changefeed demo: spec.cluster: unknown cluster 'remote': the file's TiCDCCluster is"
                + " 'local'");
    assertThat(all.get(1).message()).contains("must be greater than spec.startTs 200");
    assertThat(all.get(3).message()).startsWith("invalid filter rule #2 \"app.[\"");
    assertThat(all.get(5).message()).contains("explode").contains("supported:").contains("insert");
    assertThat(all.get(7).message()).contains("unknown sink scheme 'kafkaa'");
  }

  @Test
  void refusesABadClusterSpec() throws Exception {
    String yaml =
        ResourceFileTest.ISSUE_EXAMPLE
            .replace("[\"127.0.0.1:2379\"]", "[\"127.0.0.1\", \"pd:99999\"]\n  gcTtl: forever")
            .replace("name: local}", "name: Local_Cluster}");
    List<String> all = problems(yaml).stream().map(ConfigProblem::toString).toList();
    assertThat(all)
        .anySatisfy(p -> assertThat(p).startsWith("TiCDCCluster Local_Cluster: metadata.name:"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "TiCDCCluster Local_Cluster: spec.upstream.pdAddresses[0]: '127.0.0.1' is"
                            + " not host:port (or http://host:port)"))
        .anySatisfy(p -> assertThat(p).contains("spec.upstream.pdAddresses[1]: 'pd:99999'"))
        .anySatisfy(p -> assertThat(p).contains("spec.gcTtl: 'forever' is not a duration"));
  }

  @Test
  void contradictingProtocolsAndBadOptionsAreRefused() throws Exception {
    String yaml =
        changefeed(
            "  cluster: local\n  sink:\n    uri: file:///x?protocol=canal-json\n"
                + "    protocol: avro\n    options: {enable-tidb-extension: maybe}\n");
    List<ConfigProblem> p = problems(yaml);
    assertThat(p).extracting(ConfigProblem::path).contains("spec.sink.protocol");
    assertThat(p.get(0).message()).contains("contradicts protocol=canal-json");
    String bad =
        changefeed(
            "  cluster: local\n  sink:\n    uri: file:///x\n    options: {enable-tidb-extension: maybe}\n");
    assertThat(problems(bad))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("spec.sink.options.enable-tidb-extension"))
        .satisfies(x -> assertThat(x.message()).contains("must be true or false"));
  }

  @Test
  void unknownSinkOptionsAreRefusedByTheSink() throws Exception {
    String yaml =
        changefeed(
            "  cluster: local\n  sink:\n    uri: file:///x\n    options: {flush-intervall: 2s}\n");
    assertThat(problems(yaml))
        .singleElement()
        .satisfies(x -> assertThat(x.path()).isEqualTo("spec.sink.options.flush-intervall"))
        .satisfies(x -> assertThat(x.message()).contains("unknown file sink option"));
  }

  @Test
  void missingSinkAndSpecAreNamed() throws Exception {
    assertThat(problems(changefeed("  cluster: local\n")))
        .extracting(ConfigProblem::path)
        .containsExactly("spec.sink.uri");
    String noSpec =
        ResourceFileTest.CLUSTER
            + "---\napiVersion: cdc.tidb.io/v1alpha1\nkind: Changefeed\nmetadata: {name: demo}\n";
    assertThat(problems(noSpec)).extracting(ConfigProblem::path).containsExactly("spec");
  }

  @Test
  void loadThrowsEverythingAtOnce() {
    assertThatThrownBy(
            () ->
                ChangefeedDefaults.validated(
                    ResourceFile.parse(changefeed("  cluster: x\n  sink: {uri: ':'}\n"), "f.yaml"),
                    "f.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("f.yaml has 2 problems:")
        .hasMessageContaining("spec.cluster")
        .hasMessageContaining("spec.sink.uri");
  }

  @Test
  void durationsAndQuantities() {
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("86400")).isEqualTo(Duration.ofDays(1));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> GoDuration.parse("1d")).hasMessageContaining("not a duration");
    assertThat(Quantity.parseBytes("1Gi")).isEqualTo(1L << 30);
    assertThat(Quantity.parseBytes("2G")).isEqualTo(2_000_000_000L);
    assertThat(Quantity.parseBytes("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> Quantity.parseBytes("1GB"))
        .hasMessageContaining("not a byte quantity");
  }
}
