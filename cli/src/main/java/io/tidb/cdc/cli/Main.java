package io.tidb.cdc.cli;

/** Entry point of {@code bin/ticdc}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(TiCdcCommand.commandLine().execute(args));
  }
}
