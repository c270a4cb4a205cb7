package io.tidb.cdc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ticdc version}: the build and the Java runtime, as bug reports need them. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the ticdc version and the Java runtime it runs on.")
final class VersionCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    BuildInfo info = BuildInfo.current();
    PrintWriter out = spec.commandLine().getOut();
    out.printf("ticdc   %s%n", info.version());
    out.printf("java    %s (%s)%n", info.javaVersion(), info.javaVendor());
    out.printf("os      %s%n", info.os());
    out.flush();
  }
}
