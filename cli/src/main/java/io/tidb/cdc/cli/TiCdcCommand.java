package io.tidb.cdc.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The top-level {@code ticdc} command. Only subcommands that work are registered here; each one
 * lives in its own class beside this one and calls into the module that does the work.
 */
@Command(
    name = "ticdc",
    mixinStandardHelpOptions = true,
    versionProvider = TiCdcCommand.Version.class,
    description =
        "Change data capture for TiDB: replicates row changes from TiKV to MySQL/TiDB, Kafka,"
            + " Pulsar, object storage or your own plugin, run by a Kubernetes operator or"
            + " standalone.",
    subcommands = {
      SimCommand.class,
      StandaloneCommand.class,
      WorkerCommand.class,
      DemoCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Run 'ticdc <command> --help' for a command's options.",
      "Docs: docs/ in the source tree (install, run, observe, troubleshoot)."
    })
public final class TiCdcCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A command line with the project's conventions: usage help on bad input, exit codes. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TiCdcCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof CommandLineFailure) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            cmd.getErr().flush();
            return 1;
          }
          throw e;
        });
    return cl;
  }

  @Override
  public void run() {
    // No subcommand: show what there is to run instead of doing nothing silently.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version Maven writes into the jar manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"ticdc " + BuildInfo.current().version()};
    }
  }
}
