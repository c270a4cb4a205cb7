package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.Executables;
import io.tidb.cdc.testsupport.process.FreePorts;
import io.tidb.cdc.testsupport.process.ParentWatchdog;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.Readiness;
import io.tidb.cdc.testsupport.process.ScratchDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MariaDB from the Debian package mariadb-server: a copy of a cached, freshly installed data
 * directory (see {@link MariaDbTemplate}) served by a private mariadbd on a free port.
 */
final class MariaDbLauncher implements ServerLauncher<MariaDbServer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Override
  public RunningServer<MariaDbServer> start(Path logDir) {
    Path mariadbd = Executables.find("mariadbd", "mariadb-server");
    Path template = MariaDbTemplate.ensure(mariadbd, logDir);
    int port = FreePorts.allocate(1).get(0);
    ScratchDir scratch = ScratchDir.create("ticdc-mariadb-");
    ChildProcess process;
    try {
      Path dataDir = scratch.resolve("data");
      MariaDbTemplate.copy(template, dataDir);
      List<String> command = new ArrayList<>();
      command.add(mariadbd.toString());
      command.add("--no-defaults"); // must come first: ignore /etc/mysql of the machine
      command.addAll(MariaDbTemplate.userOption());
      command.addAll(
          List.of(
              "--bind-address=127.0.0.1",
              "--port=" + port,
              "--socket=" + scratch.resolve("mariadbd.sock"),
              "--pid-file=" + scratch.resolve("mariadbd.pid"),
              "--datadir=" + dataDir,
              "--skip-log-bin",
              "--skip-name-resolve",
              "--innodb-flush-log-at-trx-commit=0",
              "--innodb-buffer-pool-size=64M",
              "--character-set-server=utf8mb4",
              "--collation-server=utf8mb4_bin"));
      command.addAll(MariaDbTemplate.SHARED_INNODB_OPTIONS);
      process =
          ChildProcess.start(
              new ProcessSpec(
                  "mariadb",
                  ParentWatchdog.shellWrapped(command),
                  scratch.path(),
                  logDir.resolve("mariadb.log")));
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
    MariaDbServer server = new MariaDbServer("127.0.0.1", port, "root", "");
    try {
      Readiness.await(process, READY_TIMEOUT, () -> MySqlProbe.ready(server));
    } catch (RuntimeException e) {
      process.close();
      scratch.close();
      throw e;
    }
    return new RunningServer<>(server, process, List.of(scratch));
  }
}
