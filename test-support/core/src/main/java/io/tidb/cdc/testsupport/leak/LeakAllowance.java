package io.tidb.cdc.testsupport.leak;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The thread-name and command-line patterns a test class may leave running. */
record LeakAllowance(List<Pattern> threads, List<Pattern> processes) {
  LeakAllowance {
    threads = List.copyOf(threads);
    processes = List.copyOf(processes);
  }

  /**
   * From {@link AllowLeaks} on {@code testClass}, its superclasses and enclosing classes, plus the
   * comma-separated patterns of the configuration parameters.
   */
  static LeakAllowance of(
      Class<?> testClass, String configuredThreads, String configuredProcesses) {
    List<Pattern> threads = new ArrayList<>(compileList(configuredThreads));
    List<Pattern> processes = new ArrayList<>(compileList(configuredProcesses));
    for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
      AllowLeaks allow = type.getAnnotation(AllowLeaks.class);
      if (allow != null) {
        threads.addAll(compile(allow.threads(), type));
        processes.addAll(compile(allow.processes(), type));
      }
    }
    return new LeakAllowance(threads, processes);
  }

  boolean allowsThread(String name) {
    return threads.stream().anyMatch(pattern -> pattern.matcher(name).matches());
  }

  boolean allowsProcess(String commandLine) {
    return processes.stream().anyMatch(pattern -> pattern.matcher(commandLine).matches());
  }

  private static List<Pattern> compileList(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    return compile(commaSeparated.split(","), LeakAllowance.class);
  }

  private static List<Pattern> compile(String[] regexes, Class<?> source) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : regexes) {
      try {
        patterns.add(Pattern.compile(regex.trim()));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "bad leak-check pattern '"
                + regex
                + "' from "
                + source.getName()
                + ": "
                + e.getMessage(),
            e);
      }
    }
    return patterns;
  }
}
