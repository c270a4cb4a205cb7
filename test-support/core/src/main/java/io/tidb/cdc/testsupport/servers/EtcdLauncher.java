package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.Executables;
import io.tidb.cdc.testsupport.process.FreePorts;
import io.tidb.cdc.testsupport.process.HttpProbe;
import io.tidb.cdc.testsupport.process.ParentWatchdog;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.Readiness;
import io.tidb.cdc.testsupport.process.ScratchDir;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** etcd from the Debian package etcd-server, single member, no fsync. */
final class EtcdLauncher implements ServerLauncher<EtcdServer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public RunningServer<EtcdServer> start(Path logDir) {
    Path etcd = Executables.find("etcd", "etcd-server");
    List<Integer> ports = FreePorts.allocate(2);
    String clientUrl = "http://127.0.0.1:" + ports.get(0);
    String peerUrl = "http://127.0.0.1:" + ports.get(1);
    ScratchDir data = ScratchDir.create("ticdc-etcd-");
    List<String> command = command(etcd, "ticdc-test", clientUrl, peerUrl, data, List.of());
    ChildProcess process =
        ChildProcess.start(
            new ProcessSpec(
                "etcd",
                ParentWatchdog.shellWrapped(command),
                data.path(),
                logDir.resolve("etcd.log")));
    try {
      URI health = URI.create(clientUrl + "/health");
      Readiness.await(
          process,
          READY_TIMEOUT,
          () -> {
            HttpProbe.Response response = HttpProbe.get(health);
            return response.status() == 200 && response.body().contains("\"true\"");
          });
    } catch (RuntimeException e) {
      process.close();
      data.close();
      throw e;
    }
    return new RunningServer<>(new EtcdServer("127.0.0.1", ports.get(0)), process, List.of(data));
  }

  /** A single-member etcd's command line; {@code extra} adds flags (TLS). */
  static List<String> command(
      Path etcd,
      String name,
      String clientUrl,
      String peerUrl,
      ScratchDir data,
      List<String> extra) {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            etcd.toString(),
            "--name=" + name,
            "--data-dir=" + data.resolve("data"),
            "--listen-client-urls=" + clientUrl,
            "--advertise-client-urls=" + clientUrl,
            "--listen-peer-urls=" + peerUrl,
            "--initial-advertise-peer-urls=" + peerUrl,
            "--initial-cluster=" + name + "=" + peerUrl,
            "--initial-cluster-state=new",
            "--unsafe-no-fsync",
            "--logger=zap",
            "--log-outputs=stderr"));
    command.addAll(extra);
    return command;
  }
}
