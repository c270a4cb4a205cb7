package io.tidb.cdc.e2e.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.crd.cluster.CaptureStatus;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.operator.kube.Kubectl;
import io.tidb.cdc.operator.kube.TestOperator;
import io.tidb.cdc.testsupport.leak.AllowLeaks;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import io.tidb.cdc.worker.sink.file.Replay;
import io.tidb.cdc.worker.standalone.FileSinkOrderCheck;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's failover test without a Kubernetes: the operator (Java Operator SDK, in this JVM)
 * against the fabric8 mock API server driven by the real kubectl, a real etcd, the simulator as
 * upstream, and three {@code ticdc worker} processes standing in for the StatefulSet's pods. One is
 * killed with SIGKILL mid-load; the operator re-places its tables on the other two, replication
 * continues from the positions, nothing is lost, and the Changefeed's status says so.
 */
@ExtendWith(TestServersExtension.class)
@AllowLeaks(
    threads = "vert\\.x-.*",
    reason =
        "the fabric8 mock web server and the Vert.x Kubernetes client share one Vert.x instance"
            + " per JVM that closing the client does not close")
class FailoverWithWorkerProcessesTest {
  private static final String NS = "cdc-e2e";
  private static final String CLUSTER = "demo";
  private static final String FEED = "orders";
  private static final String DB = "shop";
  private static final int FIRST_TABLES = 6;

  @TempDir static Path tmp;
  private static LocalDeployment deployment;
  private static LocalUpstream upstream;
  private static TestOperator operator;
  private static KubernetesClient client;
  private static Kubectl kubectl;

  @BeforeAll
  static void start(EtcdServer etcd) throws Exception {
    deployment = LocalDeployment.start(NS, tmp, etcd.endpoint());
    upstream = deployment.upstream();
    operator = deployment.operator();
    client = deployment.client();
    kubectl = deployment.kubectl();
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void aKilledWorkersTablesMoveToTheOthersAndNothingIsLost() throws Exception {
    Workload.createTables(upstream, DB, FIRST_TABLES);
    long startTs = upstream.now();
    Path sink = tmp.resolve("sink");
    deployment.applyCluster(CLUSTER, 3);
    deployment.applyFileChangefeed(FEED, CLUSTER, startTs, DB, sink);

    List<WorkerProcess> workers = deployment.startWorkers(CLUSTER, 3);
    Set<String> all = workers.stream().map(WorkerProcess::id).collect(Collectors.toSet());

    try (Workload load = Workload.start(upstream, DB, FIRST_TABLES, 3)) {
      Thread.sleep(1000);
      // DDL while rows flow: a column, and a table that joins the changefeed.
      load.committed(upstream.sql("ALTER TABLE shop.t1 ADD COLUMN extra VARCHAR(20)"));
      load.committed(upstream.sql(Workload.createTable(DB, FIRST_TABLES)));
      load.tableCreated(FIRST_TABLES);

      ChangefeedStatus spread =
          awaitStatus(
              "Normal, 7 tables spread over the 3 workers",
              s ->
                  s.phase() == ChangefeedPhase.Normal
                      && s.tableCount() != null
                      && s.tableCount() == FIRST_TABLES + 1
                      && placedOn(s).equals(all)
                      && s.tablesPerWorker().values().stream().allMatch(n -> n >= 2)
                      && sum(s) == FIRST_TABLES + 1);
      String victimId = spread.maintainer();
      assertThat(victimId).isIn(all);
      WorkerProcess victim =
          workers.stream().filter(w -> w.id().equals(victimId)).findFirst().orElseThrow();
      Set<String> survivors =
          all.stream().filter(id -> !id.equals(victimId)).collect(Collectors.toSet());
      long checkpointBeforeKill = spread.checkpointTs();
      assertThat(checkpointBeforeKill).isGreaterThan(startTs);

      // The maintainer, which also owns tables, dies without a word.
      victim.kill9();
      Instant killedAt = Instant.now();
      assertThat(victim.isAlive()).isFalse();
      // More DDL while nobody maintains the changefeed.
      load.committed(upstream.sql(Workload.createTable(DB, FIRST_TABLES + 1)));
      load.tableCreated(FIRST_TABLES + 1);
      load.committed(upstream.sql("ALTER TABLE shop.t2 ADD COLUMN extra2 INT"));

      awaitStatus(
          "all 8 tables on the 2 survivors, one of them maintainer",
          s ->
              s.phase() == ChangefeedPhase.Normal
                  && s.tableCount() != null
                  && s.tableCount() == FIRST_TABLES + 2
                  && placedOn(s).equals(survivors)
                  && sum(s) == FIRST_TABLES + 2
                  && survivors.contains(s.maintainer()));
      long transactionsAtFailover = load.transactions();
      long failedOver = upstream.now();
      awaitStatus(
          "the checkpoint passing the failover while rows still flow",
          s -> s.checkpointTs() != null && s.checkpointTs() >= failedOver);
      assertThat(load.transactions()).isGreaterThan(transactionsAtFailover);
      load.stop();
      assertThat(load.errors()).isEmpty();
      assertThat(load.transactions()).isGreaterThan(100);

      long end = upstream.now();
      assertThat(end).isGreaterThan(load.lastCommitTs());
      ChangefeedStatus done =
          awaitStatus(
              "checkpoint past the last commit",
              s -> s.checkpointTs() != null && s.checkpointTs() >= end);
      assertThat(done.phase()).isEqualTo(ChangefeedPhase.Normal);
      assertThat(done.tablesPerWorker()).containsOnlyKeys(survivors.toArray(String[]::new));

      Replay replay = new FileSinkReader(sink).replay();
      for (int t = 0; t < FIRST_TABLES + 2; t++) {
        TableVerdict v = upstream.verify(replay, DB, "t" + t, List.of("id"), end);
        assertThat(v.consistent()).as(v.toString()).isTrue();
        assertThat(v.upstreamRows()).as("rows in t%d", t).isPositive();
      }
      // Re-delivery only across the failover: every finding pairs the victim's files with a
      // survivor's; within each writer all is in order.
      assertThat(FileSinkOrderCheck.check(sink))
          .allMatch(m -> m.contains("@" + victimId + ".json"), "involves " + victimId);
      // A DDL the victim wrote before its progress passed it is written again by the new
      // maintainer (at-least-once, like rows): its schema file is rewritten, same name and content,
      // after data files that followed the first write. Nothing else may be out of order.
      assertThat(FileSinkOrderCheck.checkDdlOrder(sink))
          .allMatch(
              m -> rewrittenAfter(sink, m, checkpointBeforeKill, killedAt),
              "a DDL above the checkpoint at the kill, its schema file rewritten after it");
      try (var files = Files.walk(sink)) {
        Set<String> writers =
            files
                .map(p -> p.getFileName().toString())
                .filter(f -> f.matches("\\d+-\\d+@.+\\.json"))
                .map(f -> f.substring(f.indexOf('@') + 1, f.length() - ".json".length()))
                .collect(Collectors.toSet());
        assertThat(writers).as("data files of every worker").containsAll(all);
      }

      assertDescribeAfterFailover(victimId, survivors, end);
      // The cluster's status lists the registered captures: the survivors, holding every table.
      List<CaptureStatus> captures =
          await(
              "the cluster's status listing only the survivors",
              () ->
                  client
                      .resources(TiCDCCluster.class)
                      .inNamespace(NS)
                      .withName(CLUSTER)
                      .get()
                      .getStatus()
                      .captures(),
              c ->
                  c != null
                      && c.stream()
                          .map(CaptureStatus::id)
                          .collect(Collectors.toSet())
                          .equals(survivors)
                      && c.stream().mapToInt(CaptureStatus::tables).sum() == FIRST_TABLES + 2);
      assertThat(captures).allMatch(CaptureStatus::ready, "ready (not draining)");
    }
  }

  /** What a user reads after the failover: healthy, caught up, tables on the survivors, why. */
  private static void assertDescribeAfterFailover(String victim, Set<String> survivors, long end)
      throws Exception {
    String describe = kubectl.run("describe", "changefeed", FEED, "-n", NS);
    System.out.println(describe);
    assertThat(LocalDeployment.field(describe, "Phase")).isEqualTo("Normal");
    assertThat(Long.parseLong(LocalDeployment.field(describe, "Checkpoint Ts")))
        .isGreaterThanOrEqualTo(end);
    assertThat(LocalDeployment.field(describe, "Maintainer")).isIn(survivors);
    assertThat(LocalDeployment.field(describe, "Table Count"))
        .isEqualTo(String.valueOf(FIRST_TABLES + 2));
    assertThat(describe).contains("Tables Per Worker:");
    for (String s : survivors) {
      assertThat(describe).containsPattern(s + ":\\s+[1-9]");
    }
    assertThat(describe).doesNotContainPattern(victim + ":\\s+\\d");
    // The placement event of the failover: the victim's tables recovered by the survivors.
    assertThat(describe)
        .containsPattern(
            "TablesPlaced\\s.*table \\d+ moved from "
                + victim
                + " to ("
                + String.join("|", survivors)
                + ") \\(recover\\)");
    assertThat(
            operator
                .registry()
                .get("ticdc_operator_placement_moves_total")
                .tag("kind", "recover")
                .counter()
                .count())
        .as("recover moves on the operator's metrics")
        .isGreaterThanOrEqualTo(1.0);
  }

  private static final Pattern WRITTEN_BEFORE =
      Pattern.compile(
          "(\\w+/\\w+)/\\S+, committed after the DDL at (\\d+), was written before (schema_\\S+\\.json)");

  /**
   * Whether a DDL-order finding is a DDL re-delivered across the failover: above the checkpoint the
   * status showed at the kill, and its schema file last written after the kill.
   */
  private static boolean rewrittenAfter(Path sink, String finding, long checkpoint, Instant kill) {
    Matcher m = WRITTEN_BEFORE.matcher(finding);
    if (!m.matches() || Long.parseLong(m.group(2)) <= checkpoint) {
      return false;
    }
    try {
      Path schema = sink.resolve(m.group(1)).resolve("meta").resolve(m.group(3));
      return Files.getLastModifiedTime(schema).toInstant().isAfter(kill);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static Set<String> placedOn(ChangefeedStatus s) {
    return s.tablesPerWorker() == null
        ? Set.of()
        : s.tablesPerWorker().entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
  }

  private static int sum(ChangefeedStatus s) {
    return s.tablesPerWorker().values().stream().mapToInt(Integer::intValue).sum();
  }

  private static ChangefeedStatus awaitStatus(String what, Predicate<ChangefeedStatus> condition)
      throws InterruptedException {
    return deployment.awaitStatus(FEED, what, condition);
  }

  private static <T> T await(String what, Waiting.Probe<T> probe, Predicate<T> done)
      throws InterruptedException {
    return deployment.await(what, probe, done);
  }
}
