package io.tidb.cdc.sim.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.sim.txn.MvccKvStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class SqlServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> send(SqlServer server, String method, String body)
      throws Exception {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://" + server.address() + "/sql"))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersCommitTimestampsOrTheFailingStatement() throws Exception {
    try (SqlServer server = SqlServer.start(SqlEngine.start(MvccKvStore.inMemory()), 0)) {
      HttpResponse<String> ok =
          send(
              server,
              "POST",
              "CREATE DATABASE d; CREATE TABLE d.t (id int PRIMARY KEY); BEGIN; INSERT INTO d.t VALUES (1); INSERT INTO d.t VALUES (2); COMMIT");
      assertThat(ok.statusCode()).isEqualTo(200);
      JsonNode json = new ObjectMapper().readTree(ok.body());
      assertThat(json.get("ok").asBoolean()).isTrue();
      assertThat(json.get("results").get(1).get("commit_ts").asLong()).isPositive();
      assertThat(json.get("results").get(3).get("commit_ts").isNull()).as("inside BEGIN").isTrue();
      assertThat(json.get("results").get(5).get("commit_ts").asLong())
          .isGreaterThan(json.get("results").get(1).get("commit_ts").asLong());

      HttpResponse<String> bad =
          send(
              server,
              "POST",
              "INSERT INTO d.t VALUES (3); INSERT INTO d.t VALUES (1); INSERT INTO d.t VALUES (4)");
      assertThat(bad.statusCode()).isEqualTo(400);
      JsonNode err = new ObjectMapper().readTree(bad.body()).get("error");
      assertThat(err.get("index").asInt()).isEqualTo(1);
      assertThat(err.get("statement").asText()).isEqualTo("INSERT INTO d.t VALUES (1)");
      assertThat(err.get("message").asText()).contains("Duplicate entry '1' for key 't.PRIMARY'");

      assertThat(send(server, "GET", null).statusCode()).isEqualTo(405);
      assertThat(send(server, "POST", "INSERT INTO d.t VALUES (4)").body()).contains("\"ok\":true");
    }
  }
}
