package io.tidb.cdc.e2e.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.crd.common.ConditionTypes;
import io.tidb.cdc.operator.changefeed.GcSafepoints;
import io.tidb.cdc.operator.changefeed.Tso;
import io.tidb.cdc.operator.status.Conditions;
import io.tidb.cdc.testsupport.leak.AllowLeaks;
import io.tidb.cdc.testsupport.servers.EtcdServer;
import io.tidb.cdc.testsupport.servers.TestServersExtension;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import io.tidb.cdc.worker.sink.file.Replay;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #5's lifecycle driven from the Changefeed resource alone, through the operator: {@code
 * kubectl patch} pauses, resumes, widens the filter (a new generation: the workers restart from the
 * checkpoint), sets a target ts and stops the changefeed, while two {@code ticdc worker} processes
 * replicate a continuous load from the simulator over a real etcd. The status, {@code kubectl get}
 * and the downstream are checked at every step.
 */
@ExtendWith(TestServersExtension.class)
@AllowLeaks(
    threads = "vert\\.x-.*",
    reason =
        "the fabric8 mock web server and the Vert.x Kubernetes client share one Vert.x instance"
            + " per JVM that closing the client does not close")
class ChangefeedLifecycleFromCrTest {
  private static final String NS = "cdc-life";
  private static final String CLUSTER = "life";
  private static final String FEED = "orders";
  private static final String DB = "shop";
  private static final String OTHER = "other";
  private static final int TABLES = 3;
  private static final long TARGET_AHEAD_MILLIS = 4_000;

  @TempDir static Path tmp;
  private static LocalDeployment deployment;
  private static LocalUpstream upstream;

  @BeforeAll
  static void start(EtcdServer etcd) throws Exception {
    deployment = LocalDeployment.start(NS, tmp, etcd.endpoint());
    upstream = deployment.upstream();
  }

  @AfterAll
  static void stop() {
    if (deployment != null) {
      deployment.close();
    }
  }

  @Test
  void pauseResumeSpecUpdateTargetTsAndStopFromTheResource() throws Exception {
    Workload.createTables(upstream, DB, TABLES);
    // Outside the filter until step 2; no rows before it.
    Workload.createTables(upstream, OTHER, 1);
    long startTs = upstream.now();
    Path sink = tmp.resolve("sink");
    deployment.applyCluster(CLUSTER, 2);
    deployment.applyFileChangefeed(FEED, CLUSTER, startTs, DB, sink);
    deployment.startWorkers(CLUSTER, 2);
    String gcService = GcSafepoints.serviceId(NS, CLUSTER, FEED);

    try (Workload load = Workload.start(upstream, DB, TABLES, 2)) {
      awaitStatus(
          "Normal with the 3 tables, the checkpoint moving",
          s ->
              s.phase() == ChangefeedPhase.Normal
                  && Integer.valueOf(TABLES).equals(s.tableCount())
                  && s.checkpointTs() != null
                  && s.checkpointTs() > startTs);

      // 1. Paused: the checkpoint and the sink stand still while rows keep coming.
      long pausedGeneration = patch("{\"spec\":{\"state\":\"paused\"}}");
      awaitGet(ChangefeedPhase.Paused);
      ChangefeedStatus paused =
          awaitStatus("Paused", phaseOf(ChangefeedPhase.Paused, pausedGeneration));
      long pausedAt = paused.checkpointTs();
      assertThat(upstream.gcServiceSafePoint(gcService))
          .as("the GC safe point kept at the checkpoint while paused")
          .hasValueSatisfying(g -> assertThat(g.safePoint()).isEqualTo(pausedAt - 1));
      double lag = paused.lagSeconds();
      // The tables' last flushes follow the Paused report closely; from then on nothing moves.
      awaitStatus("the lag growing while paused", s -> s.lagSeconds() >= lag + 1.5);
      Map<String, Long> sinkWhilePaused = files(sink);
      ChangefeedStatus later =
          awaitStatus("the lag growing further while paused", s -> s.lagSeconds() >= lag + 3.0);
      assertThat(later.phase()).isEqualTo(ChangefeedPhase.Paused);
      assertThat(later.checkpointTs()).as("checkpoint while paused").isEqualTo(pausedAt);
      assertThat(load.lastCommitTs()).as("rows written while paused").isGreaterThan(pausedAt);
      assertThat(files(sink))
          .as("nothing written to the sink while paused")
          .isEqualTo(sinkWhilePaused);

      // Resumed: Normal again, the checkpoint passes what was written meanwhile.
      long resumed = patch("{\"spec\":{\"state\":\"running\"}}");
      long writtenWhilePaused = load.lastCommitTs();
      awaitStatus(
          "Normal past the rows written while paused",
          s ->
              phaseOf(ChangefeedPhase.Normal, resumed).test(s)
                  && s.checkpointTs() >= writtenWhilePaused);
      awaitGet(ChangefeedPhase.Normal);
      assertDownstreamEqualsUpstream(
          new FileSinkReader(sink).replayUpTo(writtenWhilePaused), writtenWhilePaused, DB);

      // 2. A spec update (the filter gains a database): the workers restart from the checkpoint.
      long beforeUpdate = deployment.status(FEED).checkpointTs();
      long widened = patch("{\"spec\":{\"filter\":{\"rules\":[\"shop.*\",\"other.*\"]}}}");
      ChangefeedStatus restarted =
          awaitStatus(
              "Normal with generation " + widened + " running and 4 tables",
              s ->
                  phaseOf(ChangefeedPhase.Normal, widened).test(s)
                      && !"Restarting".equals(progressingReason(s))
                      && Integer.valueOf(TABLES + 1).equals(s.tableCount()));
      assertThat(restarted.checkpointTs()).isGreaterThanOrEqualTo(beforeUpdate);
      assertThat(deployment.kubectl("describe", "cf", FEED))
          .containsPattern(
              "SpecChanged\\s.*restart the changefeed from its checkpoint \\(generation "
                  + widened
                  + "\\)");
      long otherRows = 0;
      for (int i = 1; i <= 20; i++) {
        otherRows =
            upstream.sql(
                "INSERT INTO %s.t0 (id, v, note) VALUES (%d, %d, 'o%d')".formatted(OTHER, i, i, i));
      }
      long lastOther = otherRows;
      awaitStatus(
          "the checkpoint past the newly included table's rows",
          s -> s.checkpointTs() >= lastOther);

      // 3. A target ts a little ahead: Finished exactly there, nothing above it downstream.
      long target = Tso.of(Tso.physical(upstream.now()).plusMillis(TARGET_AHEAD_MILLIS), 0);
      long targeted = patch("{\"spec\":{\"targetTs\":" + target + "}}");
      awaitGet(ChangefeedPhase.Finished);
      ChangefeedStatus finished =
          awaitStatus("Finished", phaseOf(ChangefeedPhase.Finished, targeted));
      assertThat(finished.checkpointTs()).isEqualTo(target);
      load.stop();
      assertThat(load.errors()).isEmpty();
      assertThat(load.lastCommitTs()).as("rows written above the target").isGreaterThan(target);
      Replay all = new FileSinkReader(sink).replay();
      assertThat(all.checkpointTs()).as("the sink's checkpoint").hasValue(target);
      assertDownstreamEqualsUpstream(all, target, DB, OTHER);
      assertThat(upstream.gcServiceSafePoint(gcService))
          .as("GC safe point when finished")
          .isPresent();

      // 4. Stopped: the GC service safe point is released in PD.
      long stopped = patch("{\"spec\":{\"state\":\"stopped\"}}");
      awaitGet(ChangefeedPhase.Stopped);
      awaitStatus("Stopped", phaseOf(ChangefeedPhase.Stopped, stopped));
      deployment.await(
          "the GC service safe point released",
          () -> upstream.gcServiceSafePoint(gcService).isEmpty(),
          Boolean::booleanValue);
    }
  }

  /** Merge-patches the Changefeed with kubectl; returns its new generation. */
  private static long patch(String json) throws Exception {
    long before = generation();
    deployment.mergePatch("cf", FEED, json);
    long after = generation();
    assertThat(after).as("generation after " + json).isGreaterThan(before);
    return after;
  }

  private static long generation() {
    return deployment
        .client()
        .resources(Changefeed.class)
        .inNamespace(NS)
        .withName(FEED)
        .get()
        .getMetadata()
        .getGeneration();
  }

  /** The status in {@code phase}, the operator having observed {@code generation}. */
  private static Predicate<ChangefeedStatus> phaseOf(ChangefeedPhase phase, long generation) {
    return s ->
        s.phase() == phase
            && s.observedGeneration() != null
            && s.observedGeneration() == generation;
  }

  private static String progressingReason(ChangefeedStatus s) {
    Condition c = Conditions.find(s.conditions(), ConditionTypes.PROGRESSING);
    return c == null ? null : c.getReason();
  }

  /** Waits until {@code kubectl get cf} prints the phase in the changefeed's row. */
  private static void awaitGet(ChangefeedPhase phase) throws InterruptedException {
    Pattern row = Pattern.compile("(?m)^" + FEED + "\\s+" + CLUSTER + "\\s+" + phase + "\\s");
    deployment.await(
        "kubectl get cf showing " + phase,
        () -> deployment.kubectl("get", "cf", FEED),
        out -> row.matcher(out).find());
  }

  private static ChangefeedStatus awaitStatus(String what, Predicate<ChangefeedStatus> done)
      throws InterruptedException {
    return deployment.awaitStatus(FEED, what, done);
  }

  /** Every table of {@code dbs} downstream equals the upstream at {@code ts}, and has rows. */
  private static void assertDownstreamEqualsUpstream(Replay downstream, long ts, String... dbs) {
    for (String db : dbs) {
      int tables = db.equals(DB) ? TABLES : 1;
      for (int t = 0; t < tables; t++) {
        TableVerdict v = upstream.verify(downstream, db, "t" + t, List.of("id"), ts);
        assertThat(v.consistent()).as(v.toString()).isTrue();
        assertThat(v.upstreamRows()).as("rows in %s.t%d", db, t).isPositive();
      }
    }
  }

  /** The sink's files and their sizes. */
  private static Map<String, Long> files(Path sink) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(sink)) {
      for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        out.put(sink.relativize(p).toString(), Files.size(p));
      }
    }
    return out;
  }
}
