package io.tidb.cdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.server.SimulatorServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ticdc sim workload} and {@code ticdc sim dump} against a simulator in this JVM. */
class SimCommandsTest {
  private static SimulatorServer sim;

  @BeforeAll
  static void start() {
    sim = SimulatorServer.start(SimulatorConfig.defaults().withStores(1).withPdPort(0), 0);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = TiCdcCommand.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void workloadThenDumpGivesTheRowsTheWorkloadLeft(@TempDir Path dir) throws Exception {
    Run workload =
        run(
            "sim",
            "workload",
            "--sim",
            sim.httpAddress(),
            "--database",
            "cli",
            "--tables",
            "1",
            "--rows",
            "20",
            "--transactions",
            "200",
            "--seed",
            "3",
            "--mix",
            "50,25,25");

    assertThat(workload.exitCode()).as(workload.err()).isZero();
    Matcher done =
        Pattern.compile(
                "done, 200/200 transactions \\((\\d+) inserts, \\d+ updates, (\\d+) deletes")
            .matcher(workload.out());
    assertThat(done.find()).as(workload.out()).isTrue();
    Matcher ts = Pattern.compile("final state at ts (\\d+)").matcher(workload.out());
    assertThat(ts.find()).isTrue();

    Path file = dir.resolve("sbtest1.jsonl");
    Run dump =
        run(
            "sim",
            "dump",
            "--sim",
            sim.httpAddress(),
            "--table",
            "cli.sbtest1",
            "--ts",
            ts.group(1),
            "-o",
            file.toString());

    assertThat(dump.exitCode()).as(dump.err()).isZero();
    List<String> rows = Files.readAllLines(file);
    long expected = 20 + Long.parseLong(done.group(1)) - Long.parseLong(done.group(2));
    assertThat(rows).hasSize((int) expected);
    assertThat(rows).allSatisfy(r -> assertThat(r).startsWith("{\"id\":"));
  }

  @Test
  void dumpOfAMissingTableSaysSoAndFails() {
    Run dump = run("sim", "dump", "--sim", sim.httpAddress(), "--table", "nowhere.t");

    assertThat(dump.exitCode()).isEqualTo(1);
    assertThat(dump.err()).startsWith("ticdc sim dump: ").contains("nowhere.t does not exist");
  }

  @Test
  void anUnreachableSimulatorTellsHowToStartOne() {
    Run dump = run("sim", "dump", "--sim", "127.0.0.1:1", "--table", "a.b");

    assertThat(dump.exitCode()).isEqualTo(1);
    assertThat(dump.err()).contains("cannot reach the simulator at 127.0.0.1:1", "bin/ticdc sim");
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    Run mix = run("sim", "workload", "--sim", sim.httpAddress(), "--mix", "1,2");
    assertThat(mix.exitCode()).isEqualTo(2);
    assertThat(mix.err()).contains("--mix takes three weights");

    Run table = run("sim", "dump", "--sim", sim.httpAddress(), "--table", "justatable");
    assertThat(table.exitCode()).isEqualTo(2);
    assertThat(table.err()).contains("--table must be database.table");

    Run interval = run("sim", "--resolved-ts-interval", "soon");
    assertThat(interval.exitCode()).isEqualTo(2);
    assertThat(interval.err()).contains("'soon' is not a duration");
  }
}
