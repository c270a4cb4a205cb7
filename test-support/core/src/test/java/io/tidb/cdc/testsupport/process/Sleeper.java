package io.tidb.cdc.testsupport.process;

/** A stand-in Java server for ParentWatchdogTest: prints a line and sleeps. */
public final class Sleeper {
  private Sleeper() {}

  public static void main(String[] args) throws InterruptedException {
    System.out.println("sleeper up " + String.join(" ", args));
    Thread.sleep(60_000);
  }
}
