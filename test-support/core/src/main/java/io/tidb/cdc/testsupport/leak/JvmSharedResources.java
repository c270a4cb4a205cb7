package io.tidb.cdc.testsupport.leak;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Threads and processes that live for the whole test JVM on purpose (the shared test servers, a
 * suite-wide fixture), so the leak check never reports them. A registered process also covers all
 * of its descendants.
 */
public final class JvmSharedResources {
  private static final Set<Thread> THREADS = ConcurrentHashMap.newKeySet();
  private static final Set<Long> PROCESSES = ConcurrentHashMap.newKeySet();

  private JvmSharedResources() {}

  public static void register(Thread thread) {
    THREADS.add(thread);
  }

  public static void register(ProcessHandle process) {
    PROCESSES.add(process.pid());
  }

  static boolean isShared(Thread thread) {
    return THREADS.contains(thread);
  }

  static boolean isShared(ProcessHandle process) {
    long self = ProcessHandle.current().pid();
    Optional<ProcessHandle> current = Optional.of(process);
    while (current.isPresent() && current.get().pid() != self) {
      if (PROCESSES.contains(current.get().pid())) {
        return true;
      }
      current = current.get().parent();
    }
    return false;
  }
}
