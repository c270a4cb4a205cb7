package io.tidb.cdc.worker.config;

import java.util.List;
import java.util.stream.Collectors;

/** A changefeed file cannot be used; carries every problem found, one per line in the message. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public ConfigException(String source, List<ConfigProblem> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  public List<ConfigProblem> problems() {
    return problems;
  }

  private static String message(String source, List<ConfigProblem> problems) {
    String head =
        source
            + (problems.size() == 1 ? " has a problem:" : " has " + problems.size() + " problems:");
    return problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n", head + "\n", ""));
  }
}
