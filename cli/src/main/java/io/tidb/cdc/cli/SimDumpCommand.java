package io.tidb.cdc.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ticdc sim dump}: a table's logical contents at a ts, the ground truth for checks. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Print the logical contents of a table of a running simulator at a ts as JSON lines (one"
          + " object per row, column name to value, in key order): the ground truth to compare a"
          + " downstream with.",
      "",
      "Example:",
      "  ticdc sim dump --table sbtest.sbtest1 --ts 452159827734102017 -o sbtest1.jsonl",
      ""
    })
final class SimDumpCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--sim",
      defaultValue = "127.0.0.1:4000",
      description = "The simulator's HTTP address (its --sql-port). Default: ${DEFAULT-VALUE}.")
  String sim;

  @Option(names = "--table", required = true, description = "The table as database.table.")
  String table;

  @Option(names = "--ts", description = "The snapshot ts (TSO). Default: now.")
  Long ts;

  @Option(
      names = {"-o", "--output"},
      description = "Write to this file instead of standard output.")
  Path output;

  @Override
  public Integer call() throws Exception {
    int dot = table.indexOf('.');
    if (dot <= 0 || dot == table.length() - 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--table must be database.table, got '" + table + "'");
    }
    String path =
        "/dump?database="
            + URLEncoder.encode(table.substring(0, dot), StandardCharsets.UTF_8)
            + "&table="
            + URLEncoder.encode(table.substring(dot + 1), StandardCharsets.UTF_8)
            + (ts == null ? "" : "&ts=" + ts);
    HttpResponse<InputStream> response =
        new SimulatorClient(sim).send(HttpRequest.newBuilder().GET(), path);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new CommandLineFailure(
            "dump of "
                + table
                + " failed: "
                + new String(body.readAllBytes(), StandardCharsets.UTF_8).trim());
      }
      if (output == null) {
        body.transferTo(System.out);
        System.out.flush();
      } else {
        try (OutputStream file = Files.newOutputStream(output)) {
          body.transferTo(file);
        }
        spec.commandLine()
            .getErr()
            .printf(
                "dump: %s at ts %s written to %s%n",
                table, response.headers().firstValue("X-Snapshot-Ts").orElse("?"), output);
      }
    }
    return 0;
  }
}
