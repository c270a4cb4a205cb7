package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.Executables;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.ScratchDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A freshly installed MariaDB data directory, made once per mariadbd binary with mariadb-install-db
 * (about 2 s) and cached under java.io.tmpdir; each server starts on a copy.
 */
final class MariaDbTemplate {
  /** Same InnoDB sizing for install and server, so the server never resizes the redo log. */
  static final List<String> SHARED_INNODB_OPTIONS = List.of("--innodb-log-file-size=16M");

  private static final String COMPLETE_MARKER = "ticdc-template-complete";
  private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);

  private MariaDbTemplate() {}

  /** mariadbd refuses to run as root without {@code --user=root}; others need no option. */
  static List<String> userOption() {
    return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
  }

  /** The template directory for {@code mariadbd}, installing it first if needed. */
  static Path ensure(Path mariadbd, Path logDir) {
    Path template =
        Path.of(System.getProperty("java.io.tmpdir"), "ticdc-mariadb-template-" + key(mariadbd));
    if (Files.exists(template.resolve(COMPLETE_MARKER))) {
      return template;
    }
    Path installDb = Executables.find("mariadb-install-db", "mariadb-server");
    ScratchDir work = ScratchDir.create("ticdc-mariadb-install-");
    try {
      Path dataDir = work.resolve("data");
      List<String> command = new ArrayList<>();
      command.add(installDb.toString());
      command.add("--no-defaults");
      command.addAll(userOption());
      command.addAll(
          List.of(
              "--datadir=" + dataDir,
              "--auth-root-authentication-method=normal",
              "--skip-test-db",
              "--skip-name-resolve"));
      command.addAll(SHARED_INNODB_OPTIONS);
      try (ChildProcess install =
          ChildProcess.start(
              new ProcessSpec(
                  "mariadb-install-db",
                  command,
                  work.path(),
                  logDir.resolve("mariadb-install-db.log")))) {
        install.awaitSuccess(INSTALL_TIMEOUT);
      }
      Files.createFile(dataDir.resolve(COMPLETE_MARKER));
      publish(dataDir, template);
      return template;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the MariaDB template " + template, e);
    } finally {
      work.close();
    }
  }

  /** Copies the template into a new data directory {@code target}. */
  static void copy(Path template, Path target) {
    try (Stream<Path> files = Files.walk(template)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path destination = target.resolve(template.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(destination);
        } else if (!source.getFileName().toString().equals(COMPLETE_MARKER)) {
          Files.copy(source, destination);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the MariaDB template " + template, e);
    }
  }

  /** Another JVM may publish the same template concurrently; the first rename wins. */
  private static void publish(Path dataDir, Path template) throws IOException {
    try {
      Files.move(dataDir, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Lost the race: Linux reports "Directory not empty" for the winner's directory.
      if (!Files.exists(template.resolve(COMPLETE_MARKER))) {
        throw e;
      }
    }
  }

  /** Changes whenever the binary (package upgrade) or the install options change. */
  private static String key(Path mariadbd) {
    try {
      String identity =
          mariadbd.toRealPath()
              + "|"
              + Files.size(mariadbd)
              + "|"
              + Files.getLastModifiedTime(mariadbd).toMillis()
              + "|"
              + SHARED_INNODB_OPTIONS
              + "|"
              + userOption();
      return Integer.toHexString(identity.hashCode()).toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot inspect " + mariadbd, e);
    }
  }
}
