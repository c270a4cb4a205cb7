package io.tidb.cdc.testsupport.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kills process trees. Test servers hold only throw-away data, so there is no graceful stop. */
public final class ProcessTrees {
  private ProcessTrees() {}

  /** Kills {@code root} and all its descendants, waiting at most {@code wait} for them to exit. */
  public static void kill(ProcessHandle root, Duration wait) {
    // Children first: a killed JVM parent would otherwise orphan them out of our sight.
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(root);
    tree.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + wait.toNanos();
    for (ProcessHandle handle : tree) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      try {
        handle.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // Still alive or unobservable: nothing more can be done than the SIGKILL already sent.
      }
    }
  }
}
