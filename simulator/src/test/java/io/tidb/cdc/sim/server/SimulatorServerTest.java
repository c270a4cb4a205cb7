package io.tidb.cdc.sim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.workload.WorkloadOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SimulatorServer server;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    server = SimulatorServer.start(SimulatorConfig.defaults().withStores(2), 0);
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + server.httpAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://" + server.httpAddress() + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void workloadStreamsProgressAndDumpShowsItsRows() throws Exception {
    WorkloadOptions options =
        WorkloadOptions.defaults()
            .withDatabase("wl")
            .withTables(2, 50)
            .withTransactions(300, 0)
            .withSeed(7);

    HttpResponse<String> run = post("/workload", JSON.writeValueAsString(options));

    assertThat(run.statusCode()).isEqualTo(200);
    List<String> lines = run.body().lines().toList();
    JsonNode done = JSON.readTree(lines.get(lines.size() - 1)).get("done");
    assertThat(done).as(run.body()).isNotNull();
    assertThat(done.get("transactions").asLong()).isEqualTo(300);
    long inserts = done.get("inserts").asLong();
    long deletes = done.get("deletes").asLong();
    assertThat(inserts + done.get("updates").asLong() + deletes).isEqualTo(300);

    long rows = 0;
    for (String table : List.of("sbtest1", "sbtest2")) {
      HttpResponse<String> dump =
          get("/dump?database=wl&table=" + table + "&ts=" + done.get("lastCommitTs").asLong());
      assertThat(dump.statusCode()).as(dump.body()).isEqualTo(200);
      assertThat(dump.headers().firstValue("X-Snapshot-Ts"))
          .contains(done.get("lastCommitTs").asText());
      rows += dump.body().lines().count();
      assertThat(JSON.readTree(dump.body().lines().findFirst().orElseThrow()).has("id")).isTrue();
    }
    assertThat(rows).isEqualTo(2 * 50 + inserts - deletes);
  }

  @Test
  void dumpOfAnUnknownTableIsA404NamingIt() throws Exception {
    HttpResponse<String> dump = get("/dump?database=nope&table=t");

    assertThat(dump.statusCode()).isEqualTo(404);
    assertThat(dump.body()).contains("nope");
  }

  @Test
  void dumpWithoutTableOrWithABadTsIsA400() throws Exception {
    assertThat(get("/dump?database=test").statusCode()).isEqualTo(400);
    HttpResponse<String> badTs = get("/dump?database=test&table=t&ts=yesterday");
    assertThat(badTs.statusCode()).isEqualTo(400);
    assertThat(badTs.body()).contains("yesterday");
  }

  @Test
  void badWorkloadOptionsAreRefusedWithTheReason() throws Exception {
    HttpResponse<String> notJson = post("/workload", "{tables: 2");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).contains("not valid JSON");

    String zeroTables =
        JSON.writeValueAsString(WorkloadOptions.defaults()).replace("\"tables\":4", "\"tables\":0");
    HttpResponse<String> invalid = post("/workload", zeroTables);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(invalid.body()).contains("at least one table");
  }

  @Test
  void sqlAndDumpShareOneCluster() throws Exception {
    HttpResponse<String> sql =
        post(
            "/sql",
            "CREATE DATABASE shared; CREATE TABLE shared.t (id INT PRIMARY KEY, v VARCHAR(10));"
                + " INSERT INTO shared.t VALUES (1, 'a'), (2, 'b')");
    assertThat(sql.statusCode()).as(sql.body()).isEqualTo(200);

    HttpResponse<String> dump = get("/dump?database=shared&table=t");

    assertThat(dump.body().lines().toList())
        .containsExactly("{\"id\":1,\"v\":\"a\"}", "{\"id\":2,\"v\":\"b\"}");
  }
}
