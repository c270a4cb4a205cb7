package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Phase;
import io.tidb.cdc.worker.sink.file.FileSinkReader;
import io.tidb.cdc.worker.verify.TableVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standalone changefeeds against the real simulator, in this JVM. */
class StandaloneEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private static ChangefeedSettings settings(String yaml) throws Exception {
    return ChangefeedDefaults.validated(ResourceFile.parse(yaml, "test.yaml"), "test.yaml");
  }

  @Test
  void replicatesRowsAndDdlToFilesThatMatchTheGroundTruth() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      Path out = tmp.resolve("out");
      ChangefeedSettings s =
          settings(
              up.changefeedYaml(
                  "demo",
                  "file://" + out + "?protocol=canal-json",
                  "filter: {rules: [\"app.*\", \"!app.tmp_*\"]}"));
      try (RunningChangefeed r = new RunningChangefeed(s, tmp.resolve("data"))) {
        r.await(st -> st.phase() == Phase.NORMAL);
        // Created after the start ts: the changefeed sees the tables appear and replicates them
        // whole.
        up.sql(
            """
            CREATE DATABASE app;
            CREATE TABLE app.users (id INT PRIMARY KEY, name VARCHAR(32), score INT);
            CREATE TABLE app.tmp_scratch (id INT PRIMARY KEY);
            INSERT INTO app.users VALUES (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', 30);
            INSERT INTO app.tmp_scratch VALUES (1);
            """);
        up.sql(
            """
            BEGIN;
            INSERT INTO app.users VALUES (4, 'dee', 40), (5, 'eve', 50);
            UPDATE app.users SET score = 11 WHERE id = 1;
            DELETE FROM app.users WHERE id = 2;
            COMMIT;
            ALTER TABLE app.users ADD COLUMN email VARCHAR(64) DEFAULT 'none';
            INSERT INTO app.users VALUES (6, 'fay', 60, 'fay@x');
            UPDATE app.users SET email = 'ann@x' WHERE id = 1;
            CREATE TABLE app.orders (oid BIGINT PRIMARY KEY, uid INT, amount DECIMAL(10,2));
            INSERT INTO app.orders VALUES (100, 1, 9.99), (101, 4, 120.50);
            INSERT INTO app.tmp_scratch VALUES (2);
            CREATE TABLE app.gone (id INT PRIMARY KEY);
            INSERT INTO app.gone VALUES (1), (2);
            DROP TABLE app.gone;
            CREATE TABLE app.logs (id INT PRIMARY KEY, line VARCHAR(20));
            INSERT INTO app.logs VALUES (1, 'old'), (2, 'old');
            TRUNCATE TABLE app.logs;
            INSERT INTO app.logs VALUES (3, 'new');
            """);
        long last = up.now();
        ChangefeedStatus st = r.await(x -> x.checkpointTs() >= last);
        assertThat(st.tables()).as("users, orders, logs; gone was dropped").isEqualTo(3);
        assertThat(st.ddlsExecuted()).isGreaterThanOrEqualTo(2);
        TableVerdict users = up.verify(out, "app", "users", List.of("id"), last);
        TableVerdict orders = up.verify(out, "app", "orders", List.of("oid"), last);
        assertThat(users.consistent()).as(users.toString()).isTrue();
        assertThat(users.upstreamRows()).isEqualTo(5);
        assertThat(orders.consistent()).as(orders.toString()).isTrue();
        assertThat(orders.upstreamRows()).isEqualTo(2);
        TableVerdict logs = up.verify(out, "app", "logs", List.of("id"), last);
        assertThat(logs.consistent()).as(logs.toString()).isTrue();
        assertThat(logs.upstreamRows()).isEqualTo(1);
        assertThat(new FileSinkReader(out).replay().tables().keySet())
            .extracting(Object::toString)
            .noneMatch(t -> t.contains("tmp_"))
            .noneMatch(t -> t.contains("gone"));
      }
    }
  }

  @Test
  void blackholeChangefeedFinishesAtItsTargetTs() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      long startTs = up.now();
      up.sql(
          """
          CREATE DATABASE app;
          CREATE TABLE app.t (id INT PRIMARY KEY, v INT);
          INSERT INTO app.t VALUES (1, 1), (2, 2), (3, 3);
          UPDATE app.t SET v = 10 WHERE id = 1;
          DELETE FROM app.t WHERE id = 3;
          """);
      long target = up.now();
      up.sql("INSERT INTO app.t VALUES (4, 4)"); // after the target: not replicated
      ChangefeedSettings s =
          settings(
              up.changefeedYaml(
                  "bh", "blackhole://", "startTs: " + startTs + "\ntargetTs: " + target));
      try (RunningChangefeed r = new RunningChangefeed(s, tmp.resolve("data"))) {
        assertThat(r.outcome()).isEqualTo(StandaloneRunner.Outcome.FINISHED);
        ChangefeedStatus st = r.runner.status();
        assertThat(st.phase()).isEqualTo(Phase.FINISHED);
        assertThat(st.checkpointTs()).isEqualTo(target);
        assertThat(st.rowsFlushed()).isEqualTo(5);
        assertThat(r.progress()).contains("bh  Finished").contains("100% to target");
        assertThat(new FilePositionStore(r.runner.changefeedDir(), s.id()).loadCheckpoint())
            .hasValue(target);
        assertThat(up.sim.gcSafePoints().services())
            .anySatisfy(
                sp -> {
                  assertThat(sp.serviceId()).isEqualTo("ticdc-standalone-default-bh");
                  assertThat(sp.safePoint()).isEqualTo(target - 1);
                });
      }
      // Started again, it finds its checkpoint at the target and finishes at once.
      try (RunningChangefeed again = new RunningChangefeed(s, tmp.resolve("data"))) {
        assertThat(again.outcome()).isEqualTo(StandaloneRunner.Outcome.FINISHED);
        assertThat(again.runner.status().rowsFlushed()).isZero();
      }
    }
  }

  @Test
  void aStartTsBelowTheGcSafePointIsRefusedNamingTheField() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      long old = up.now();
      up.sql("CREATE DATABASE app");
      up.sim.gcSafePoints().updateGcSafePoint(up.now());
      ChangefeedSettings s = settings(up.changefeedYaml("late", "blackhole://", "startTs: " + old));
      try (RunningChangefeed r = new RunningChangefeed(s, tmp.resolve("data"))) {
        assertThat(r.outcome()).isEqualTo(StandaloneRunner.Outcome.FAILED);
        ChangefeedStatus st = r.runner.status();
        assertThat(st.phase()).isEqualTo(Phase.FAILED);
        assertThat(st.lastError())
            .hasValueSatisfying(
                e ->
                    assertThat(e)
                        .startsWith("spec.startTs: start ts " + old)
                        .contains("older than the GC safe point"));
      }
    }
  }

  @Test
  void servesHealthReadinessMetricsAndStatus() throws Exception {
    try (SimUpstream up = new SimUpstream()) {
      ChangefeedSettings s = settings(up.changefeedYaml("web", "blackhole://", ""));
      RunnerOptions o = RunnerOptions.defaults(tmp.resolve("data")).withHttpPort(0);
      try (RunningChangefeed r = new RunningChangefeed(s, o)) {
        r.await(st -> st.phase() == Phase.NORMAL);
        up.sql(
            "CREATE DATABASE w; CREATE TABLE w.t (id INT PRIMARY KEY); INSERT INTO w.t VALUES (1)");
        long last = up.now();
        r.await(st -> st.checkpointTs() >= last);
        int port = r.runner.httpPort().orElseThrow();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpResponse<String>> get =
            path -> {
              try {
                return http.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            };
        assertThat(get.apply("/healthz").statusCode()).isEqualTo(200);
        assertThat(get.apply("/readyz").statusCode()).isEqualTo(200);
        var metrics = get.apply("/metrics");
        assertThat(metrics.headers().firstValue("Content-Type"))
            .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(metrics.body())
            .contains("# TYPE ticdc_owner_checkpoint_ts_lag gauge")
            .contains("ticdc_owner_checkpoint_ts_lag{")
            .contains("changefeed=\"web\"")
            .contains("ticdc_processor_resolved_ts_lag{")
            .contains("ticdc_sink_total_flushed_rows_count{")
            .containsPattern("ticdc_processor_num_of_tables\\{[^}]*\\} 1\\n");
        var status =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(get.apply("/api/v1/status").body());
        assertThat(status.path("changefeed").asText()).isEqualTo("web");
        assertThat(status.path("state").asText()).isEqualTo("Normal");
        assertThat(status.path("checkpointTs").asLong()).isGreaterThanOrEqualTo(last);
        assertThat(status.path("tables").asInt()).isEqualTo(1);
        assertThat(status.has("lagSeconds")).isTrue();
        assertThat(get.apply("/nothing").statusCode()).isEqualTo(404);
      }
    }
  }
}
