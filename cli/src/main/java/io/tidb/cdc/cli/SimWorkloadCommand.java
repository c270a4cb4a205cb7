package io.tidb.cdc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidb.cdc.sim.workload.WorkloadOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ticdc sim workload}: a sysbench-like load into a running simulator. */
@Command(
    name = "workload",
    mixinStandardHelpOptions = true,
    description = {
      "Run a sysbench-like insert/update/delete mix over tables sbtest1..N of a running"
          + " simulator (started with 'ticdc sim'), with a deterministic seed: the same options"
          + " give the same final data. Prints progress every second and, at the end, the commit"
          + " ts to dump the final state at.",
      "",
      "Example:",
      "  ticdc sim workload --tables 4 --rows 1000 --transactions 20000 --rate 2000",
      ""
    })
final class SimWorkloadCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sim",
      defaultValue = "127.0.0.1:4000",
      description = "The simulator's HTTP address (its --sql-port). Default: ${DEFAULT-VALUE}.")
  String sim;

  @Option(names = "--database", defaultValue = "sbtest", description = "Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(names = "--tables", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
  int tables;

  @Option(
      names = "--rows",
      defaultValue = "1000",
      description = "Rows loaded per table before the run. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(
      names = "--transactions",
      defaultValue = "10000",
      description = "Default: ${DEFAULT-VALUE}.")
  long transactions;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description =
          "Transactions per second, 0 for as fast as possible. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--mix",
      defaultValue = "60,30,10",
      split = ",",
      description = "Weights of insert,update,delete. Default: ${DEFAULT-VALUE}.")
  int[] mix;

  @Option(names = "--wide-rows", description = "Add 20 columns covering every column type family.")
  boolean wideRows;

  @Option(
      names = "--large-txn-every",
      defaultValue = "0",
      description = "Every n-th transaction is a large one (0: never). Default: ${DEFAULT-VALUE}.")
  int largeTxnEvery;

  @Option(
      names = "--large-txn-rows",
      defaultValue = "1000",
      description = "Row changes in a large transaction. Default: ${DEFAULT-VALUE}.")
  int largeTxnRows;

  @Option(
      names = "--ddl-every",
      defaultValue = "0",
      description =
          "Run a DDL (add/drop column, add/drop index) every n transactions (0: never)."
              + " Default: ${DEFAULT-VALUE}.")
  int ddlEvery;

  @Override
  public Integer call() throws Exception {
    if (mix.length != 3) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--mix takes three weights: insert,update,delete (e.g. 60,30,10)");
    }
    WorkloadOptions options;
    try {
      options =
          WorkloadOptions.defaults()
              .withDatabase(database)
              .withTables(tables, rows)
              .withTransactions(transactions, rate)
              .withSeed(seed)
              .withMix(mix[0], mix[1], mix[2])
              .withWideRows(wideRows)
              .withLargeTransactions(largeTxnEvery, largeTxnRows)
              .withDdlEvery(ddlEvery);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    HttpResponse<InputStream> response =
        new SimulatorClient(sim)
            .send(
                HttpRequest.newBuilder()
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(options))),
                "/workload");
    PrintWriter out = spec.commandLine().getOut();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        JsonNode msg = JSON.readTree(line);
        if (msg.has("error")) {
          throw new CommandLineFailure("workload failed: " + msg.get("error").asText());
        } else if (msg.has("progress")) {
          out.println("workload: " + describe(msg.get("progress"), transactions));
        } else if (msg.has("done")) {
          JsonNode done = msg.get("done");
          out.println("workload: done, " + describe(done, transactions));
          out.printf(
              "workload: final state at ts %d (bin/ticdc sim dump --table %s.sbtest1 --ts %d)%n",
              done.get("lastCommitTs").asLong(), database, done.get("lastCommitTs").asLong());
        }
        out.flush();
      }
    }
    return 0;
  }

  private static String describe(JsonNode s, long total) {
    double seconds = Math.max(1, s.get("elapsedMillis").asLong()) / 1000.0;
    long txns = s.get("transactions").asLong();
    return String.format(
        "%,d/%,d transactions (%,d inserts, %,d updates, %,d deletes, %,d DDL) in %.1f s, %,.0f txn/s",
        txns,
        total,
        s.get("inserts").asLong(),
        s.get("updates").asLong(),
        s.get("deletes").asLong(),
        s.get("ddls").asLong(),
        seconds,
        txns / seconds);
  }
}
