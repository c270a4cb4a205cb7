package io.tidb.cdc.testsupport.leak;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The live non-daemon threads and child processes of this JVM at one moment. */
record LiveResources(Set<Thread> threads, Set<ProcessHandle> processes) {
  LiveResources {
    threads = Set.copyOf(threads);
    processes = Set.copyOf(processes);
  }

  static LiveResources now() {
    Set<Thread> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && !thread.isDaemon())
            .collect(Collectors.toSet());
    // ProcessHandle equality includes the start time, so a reused pid is a new process.
    Set<ProcessHandle> processes =
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .collect(Collectors.toSet());
    return new LiveResources(threads, processes);
  }

  /** What is alive now but was not in {@code baseline} and is not allowed to stay. */
  static Leaks since(LiveResources baseline, LeakAllowance allowance) {
    LiveResources current = now();
    List<Thread> threads =
        current.threads.stream()
            .filter(thread -> !baseline.threads.contains(thread))
            .filter(thread -> !JvmSharedResources.isShared(thread))
            .filter(thread -> !allowance.allowsThread(thread.getName()))
            .sorted(Comparator.comparing(Thread::getName))
            .toList();
    List<ProcessHandle> processes =
        current.processes.stream()
            .filter(process -> !baseline.processes.contains(process))
            .filter(process -> !JvmSharedResources.isShared(process))
            .filter(process -> !allowance.allowsProcess(Leaks.commandLine(process)))
            .sorted(Comparator.comparingLong(ProcessHandle::pid))
            .toList();
    return new Leaks(threads, processes);
  }
}
