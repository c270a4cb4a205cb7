package io.tidb.cdc.testsupport.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A temporary directory for a server's data, deleted with its content on close. */
public final class ScratchDir implements AutoCloseable {
  private static final long OWN_PID = ProcessHandle.current().pid();

  /** ticdc-&lt;what&gt;-&lt;owner pid&gt;-&lt;random digits&gt;, as made by {@link #create}. */
  private static final Pattern OWNED_NAME = Pattern.compile("ticdc-[a-z0-9-]+?-(\\d+)-\\d+");

  private static boolean swept;

  private final Path path;

  private ScratchDir(Path path) {
    this.path = path;
  }

  /**
   * A new directory under java.io.tmpdir. Data lives there rather than under target/ because
   * MariaDB's socket path must stay short and tmpfs-like /tmp is faster.
   */
  public static ScratchDir create(String prefix) {
    sweepOrphansOnce();
    try {
      return new ScratchDir(Files.createTempDirectory(prefix + OWN_PID + "-"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory " + prefix + "*", e);
    }
  }

  /**
   * Deletes scratch directories of test JVMs that are gone (killed before they could clean up);
   * their names carry the owner's pid. Once per JVM.
   */
  private static synchronized void sweepOrphansOnce() {
    if (swept) {
      return;
    }
    swept = true;
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, "ticdc-*")) {
      for (Path dir : dirs) {
        Matcher name = OWNED_NAME.matcher(dir.getFileName().toString());
        if (name.matches() && !isAlive(Long.parseLong(name.group(1)))) {
          deleteRecursively(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Only housekeeping: a failure must not stop a test server from starting.
    }
  }

  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  public Path path() {
    return path;
  }

  public Path resolve(String child) {
    return path.resolve(child);
  }

  @Override
  public void close() {
    deleteRecursively(path);
  }

  /** Deletes {@code root} and its content, best effort (a leftover temp file harms nobody). */
  public static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // Best effort: the server may have been killed while writing; tmp cleaners catch the rest.
    }
  }
}
