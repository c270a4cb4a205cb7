package io.tidb.cdc.testsupport.leak;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Threads and processes a test class left behind, and how to report them. */
record Leaks(List<Thread> threads, List<ProcessHandle> processes) {
  private static final int STACK_FRAMES = 4;

  Leaks {
    threads = List.copyOf(threads);
    processes = List.copyOf(processes);
  }

  boolean isEmpty() {
    return threads.isEmpty() && processes.isEmpty();
  }

  String describe(Class<?> testClass, Duration waited) {
    StringBuilder text = new StringBuilder();
    text.append(testClass.getName())
        .append(" left ")
        .append(threads.size())
        .append(" non-daemon thread(s) and ")
        .append(processes.size())
        .append(" child process(es) running after its tests (waited ")
        .append(waited.toMillis())
        .append(" ms for them to end):");
    for (Thread thread : threads) {
      text.append("\n  thread \"")
          .append(thread.getName())
          .append("\" (")
          .append(thread.getState())
          .append(')');
      String stack =
          Arrays.stream(thread.getStackTrace())
              .limit(STACK_FRAMES)
              .map(frame -> "\n      at " + frame)
              .collect(Collectors.joining());
      text.append(stack);
    }
    for (ProcessHandle process : processes) {
      text.append("\n  process ").append(process.pid()).append(": ").append(commandLine(process));
    }
    text.append(
        "\nStop them in @AfterEach/@AfterAll (or close what started them). If they legitimately"
            + " outlive the class, annotate it with @AllowLeaks(threads = ..., reason = ...) or"
            + " register them with JvmSharedResources.register(...).");
    return text.toString();
  }

  static String commandLine(ProcessHandle process) {
    ProcessHandle.Info info = process.info();
    return info.commandLine().orElseGet(() -> info.command().orElse("(command unknown)"));
  }
}
