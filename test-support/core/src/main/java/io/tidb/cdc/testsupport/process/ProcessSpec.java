package io.tidb.cdc.testsupport.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to run as a child process: a short name for messages, the command, its working directory and
 * the file that receives its stdout and stderr.
 */
public record ProcessSpec(String name, List<String> command, Path workDir, Path logFile) {
  public ProcessSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(logFile, "logFile");
    command = List.copyOf(command);
    if (command.isEmpty()) {
      throw new IllegalArgumentException("command of " + name + " is empty");
    }
  }

  /** The command as one shell-like line, for error messages. */
  public String commandLine() {
    return String.join(" ", command);
  }
}
