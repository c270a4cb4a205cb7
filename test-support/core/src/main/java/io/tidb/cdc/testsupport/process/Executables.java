package io.tidb.cdc.testsupport.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds native server binaries installed by Debian packages. */
public final class Executables {
  /** sbin directories are often missing from a non-root PATH, but mariadbd lives there. */
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private Executables() {}

  /**
   * The path of {@code name}, searched on PATH and in sbin directories.
   *
   * @throws IllegalStateException naming the Debian package to install when it is missing
   */
  public static Path find(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>();
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      dirs.addAll(List.of(pathVariable.split(File.pathSeparator)));
    }
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        name
            + " is not installed (looked on PATH and in "
            + String.join(", ", EXTRA_DIRS)
            + "). Install the Debian package "
            + debianPackage
            + ", e.g. with dev/install-test-deps (as root).");
  }
}
