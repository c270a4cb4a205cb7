package io.tidb.cdc.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A child JVM: the {@code java} of the running JVM, options, classpath, main class and arguments.
 * The long part goes into a java @argfile next to the log, so the command line in messages stays
 * short and the exact start can be repeated by hand with {@code java @file}.
 */
public record JavaCommand(
    String mainClass, List<String> jvmOptions, List<Path> classpath, List<String> arguments) {
  public JavaCommand {
    jvmOptions = List.copyOf(jvmOptions);
    classpath = List.copyOf(classpath);
    arguments = List.copyOf(arguments);
  }

  /** The java binary of the JVM running the tests. */
  public static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Writes the argfile and returns the command to start. The real main class runs under {@link
   * ParentWatchdog}, whose classes come from this library's own location (added last, so it cannot
   * shadow a server class).
   */
  public List<String> toCommand(Path argFile) {
    List<Path> fullClasspath = new ArrayList<>(classpath);
    fullClasspath.add(ServerClasspath.ownLocation());
    List<String> lines = new ArrayList<>(jvmOptions);
    lines.add("-cp");
    lines.add(
        fullClasspath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    lines.add(ParentWatchdog.class.getName());
    lines.add(mainClass);
    lines.addAll(arguments);
    try {
      Files.createDirectories(argFile.getParent());
      Files.write(argFile, lines.stream().map(JavaCommand::quote).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + argFile, e);
    }
    return List.of(javaBinary().toString(), "@" + argFile);
  }

  private static String quote(String token) {
    return "\"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
