package io.tidb.cdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TiCdcCommandTest {

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
  void helpListsEveryRegisteredCommand() {
    Run run = run("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: ticdc", "Commands:", "version", "help");
    for (String name : TiCdcCommand.commandLine().getSubcommands().keySet()) {
      assertThat(run.out()).contains(name);
    }
  }

  @Test
  void noArgumentsPrintsUsageRatherThanNothing() {
    Run run = run();

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: ticdc");
  }

  @Test
  void versionNamesTheJavaRuntime() {
    Run run = run("version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("ticdc ").contains(System.getProperty("java.version"));
  }

  @Test
  void unknownCommandFailsWithUsageOnStderr() {
    Run run = run("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument", "frobnicate", "Usage: ticdc");
  }

  @Test
  void everyCommandHasItsOwnHelp() {
    for (String name : TiCdcCommand.commandLine().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue;
      }
      Run run = run(name, "--help");
      assertThat(run.exitCode()).as(name).isZero();
      assertThat(run.out()).as(name).contains("Usage: ticdc " + name);
    }
  }
}
