package io.tidb.cdc.testsupport.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where server logs go: {@code target/test-servers/<name>/} of the module whose tests run (the
 * working directory of surefire's JVM), or below the directory named by the system property {@code
 * ticdc.test-servers.dir}. A directory already used by another live test JVM (parallel forks) is
 * locked; this JVM then uses {@code <name>-<pid>}.
 */
final class ServerLogs {
  static final String BASE_DIR_PROPERTY = "ticdc.test-servers.dir";

  /** Locks live as long as the JVM; releasing them early would let another fork take over. */
  private static final List<FileLock> HELD = new ArrayList<>();

  private static final Map<String, Path> CHOSEN = new HashMap<>();

  private ServerLogs() {}

  static Path baseDir() {
    String configured = System.getProperty(BASE_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.dir"), "target", "test-servers").toAbsolutePath();
  }

  static synchronized Path directoryFor(String name) {
    return CHOSEN.computeIfAbsent(name, ServerLogs::choose);
  }

  private static Path choose(String name) {
    Path base = baseDir();
    Path preferred = base.resolve(name);
    if (tryLock(preferred)) {
      return preferred;
    }
    Path own = base.resolve(name + "-" + ProcessHandle.current().pid());
    tryLock(own);
    return own;
  }

  private static boolean tryLock(Path dir) {
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(
              dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return false;
      }
      HELD.add(lock);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the log directory " + dir, e);
    }
  }
}
