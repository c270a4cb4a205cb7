package io.tidb.cdc.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths into the source tree and what the build left in it. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String root = System.getProperty("ticdc.root");
    return (root == null ? Path.of("..") : Path.of(root)).toAbsolutePath().normalize();
  }

  /** A file the build must have produced, or a failure that says how to build it. */
  public static Path built(String relative) {
    Path p = root().resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          p + " is missing: build the product first (./mvnw -B package -DskipTests)");
    }
    return p;
  }
}
