package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.Executables;
import io.tidb.cdc.testsupport.process.FreePorts;
import io.tidb.cdc.testsupport.process.ParentWatchdog;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.Readiness;
import io.tidb.cdc.testsupport.process.ScratchDir;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A private etcd serving clients over mutual TLS only ({@code --client-cert-auth}), for tests of
 * TLS clients; unlike {@link TestServers#etcd()} it is not shared, the test closes it.
 */
public final class TlsEtcdServer implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final ChildProcess process;
  private final ScratchDir data;
  private final int port;

  private TlsEtcdServer(ChildProcess process, ScratchDir data, int port) {
    this.process = process;
    this.data = data;
    this.port = port;
  }

  /**
   * Starts etcd with the identity in {@code serverDir} ({@code tls.crt}, {@code tls.key}) and
   * requiring client certificates signed by its {@code ca.crt}.
   */
  public static TlsEtcdServer start(Path serverDir) {
    Path etcd = Executables.find("etcd", "etcd-server");
    List<Integer> ports = FreePorts.allocate(2);
    String clientUrl = "https://127.0.0.1:" + ports.get(0);
    String peerUrl = "http://127.0.0.1:" + ports.get(1);
    ScratchDir data = ScratchDir.create("ticdc-etcd-tls-");
    List<String> command =
        EtcdLauncher.command(
            etcd,
            "ticdc-tls-test",
            clientUrl,
            peerUrl,
            data,
            List.of(
                "--cert-file=" + serverDir.resolve("tls.crt"),
                "--key-file=" + serverDir.resolve("tls.key"),
                "--trusted-ca-file=" + serverDir.resolve("ca.crt"),
                "--client-cert-auth"));
    ChildProcess process =
        ChildProcess.start(
            new ProcessSpec(
                "etcd-tls",
                ParentWatchdog.shellWrapped(command),
                data.path(),
                data.resolve("etcd.log")));
    try {
      // A TLS health probe would need the client identity; a listening port is enough here, as
      // etcd opens its client listener once it serves.
      Readiness.await(
          process,
          READY_TIMEOUT,
          () -> {
            try (Socket s = new Socket()) {
              s.connect(new InetSocketAddress("127.0.0.1", ports.get(0)), 200);
              return true;
            }
          });
    } catch (RuntimeException e) {
      process.close();
      data.close();
      throw e;
    }
    return new TlsEtcdServer(process, data, ports.get(0));
  }

  /** {@code https://127.0.0.1:<port>}. */
  public String endpoint() {
    return "https://127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.close();
    data.close();
  }
}
