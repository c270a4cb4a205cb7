package io.tidb.cdc.testsupport.process;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ties a child's life to the test JVM's: the test JVM holds the write end of the child's stdin
 * pipe, which closes however the JVM dies, even by SIGKILL when no shutdown hook runs.
 *
 * <p>Java children run with this class as main class: it starts the real main class given as first
 * argument and halts the JVM when stdin reaches end of file. Native servers run under {@link
 * #shellWrapped(List)}, a few lines of sh doing the same.
 */
public final class ParentWatchdog {
  /**
   * Runs "$@" in the background (stdin /dev/null), reads the inherited stdin (as fd 3) until end of
   * file and then kills the server; otherwise exits with the server's exit code. read is a shell
   * builtin, so the watcher is no extra process that could outlive the wrapper.
   */
  private static final String SHELL_SCRIPT =
      "exec 3<&0; \"$@\" 3<&- & server=$!; "
          + "{ while read -r _ <&3; do :; done; kill -9 $server 2>/dev/null; } & watcher=$!; "
          + "wait $server; code=$?; kill $watcher 2>/dev/null; exit $code";

  private ParentWatchdog() {}

  /** {@code command} wrapped so that it is killed when the test JVM goes away. */
  public static List<String> shellWrapped(List<String> command) {
    List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", SHELL_SCRIPT, "watchdog"));
    wrapped.addAll(command);
    return List.copyOf(wrapped);
  }

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: ParentWatchdog <main-class> [arguments...]");
      System.exit(2);
    }
    Thread watcher = new Thread(ParentWatchdog::haltWhenParentGone, "ticdc-parent-watchdog");
    watcher.setDaemon(true);
    watcher.start();
    Method main = Class.forName(args[0]).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void haltWhenParentGone() {
    try {
      while (System.in.read() != -1) {
        // Nobody writes to the pipe; any input is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end of file.
    }
    System.err.println("ticdc-parent-watchdog: parent process is gone, halting");
    Runtime.getRuntime().halt(137);
  }
}
