package io.tidb.cdc.e2e.local;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.JavaCommand;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One worker pod stood in for by a process: {@code ticdc worker} from {@code cli/target}'s jar (its
 * own JVM, its own jetcd and Vert.x), registered as capture {@code id}. Runs under the test
 * library's parent watchdog, so it dies with the test JVM however that ends.
 */
final class WorkerProcess implements AutoCloseable {
  private static final String MAIN = "io.tidb.cdc.cli.Main";

  private final String id;
  private final Path log;
  private final ChildProcess process;

  private WorkerProcess(String id, Path log, ChildProcess process) {
    this.id = id;
    this.log = log;
    this.process = process;
  }

  /**
   * Starts capture {@code id} of the cluster in {@code clusterFile} (what the pod mounts from the
   * ConfigMap), with a short lease and report interval so that a failover fits in a test.
   */
  static WorkerProcess start(
      Path cliJar, String id, Path clusterFile, String etcdEndpoint, Path dir) {
    Path home = dir.resolve(id);
    Path log = home.resolve("worker.log");
    JavaCommand java =
        new JavaCommand(
            MAIN,
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            List.of(cliJar),
            List.of(
                "worker",
                "--cluster-file=" + clusterFile,
                "--capture-id=" + id,
                "--etcd=" + etcdEndpoint,
                "--data-dir=" + home.resolve("sorter"),
                "--http-host=127.0.0.1",
                "--http-port=0",
                "--lease-ttl=3s",
                "--report-interval=500ms",
                "--drain-timeout=5s"));
    List<String> command = java.toCommand(home.resolve("java.args"));
    return new WorkerProcess(id, log, ChildProcess.start(new ProcessSpec(id, command, home, log)));
  }

  String id() {
    return id;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** {@code kill -9}: no shutdown hook, no drain, the lease simply stops being kept alive. */
  void kill9() {
    ProcessHandle h = process.handle();
    h.destroyForcibly(); // SIGKILL on Unix
    h.onExit().orTimeout(10, TimeUnit.SECONDS).join();
  }

  /** The end of its log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return "---- "
          + id
          + " ("
          + log
          + ")\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "---- " + id + ": cannot read " + log + ": " + e.getMessage();
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
