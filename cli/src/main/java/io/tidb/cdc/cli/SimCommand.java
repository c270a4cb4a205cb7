package io.tidb.cdc.cli;

import io.tidb.cdc.sim.Network;
import io.tidb.cdc.sim.ServerTls;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.server.SimulatorServer;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ticdc sim}: the upstream simulator in the foreground until Ctrl-C. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Run the upstream simulator (on 127.0.0.1 unless --listen-host says otherwise): a PD server and TiKV stores speaking the real"
          + " kvproto gRPC protocol (EventFeed, snapshot reads, TSO, regions, GC safepoints),"
          + " plus an HTTP front end for SQL (POST /sql), workloads (POST /workload) and ground"
          + " truth (GET /dump). Runs in the foreground until Ctrl-C.",
      "",
      "Example:",
      "  ticdc sim --pd-port 2379 --sql-port 4000 --stores 3",
      "  curl -s localhost:4000/sql -d 'CREATE TABLE test.t (id INT PRIMARY KEY, v TEXT)'",
      "",
      "In a container, behind a Kubernetes Service named 'sim':",
      "  ticdc sim --listen-host 0.0.0.0 --advertise-host sim --store-ports 20160,20161,20162",
      "",
      "With mutual TLS (clients need a certificate signed by ca.crt):",
      "  ticdc sim --tls-cert server.crt --tls-key server.key --tls-ca ca.crt",
      ""
    },
    subcommands = {SimWorkloadCommand.class, SimDumpCommand.class})
final class SimCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--pd-port",
      defaultValue = "2379",
      description = "PD gRPC port (0: a free one). Default: ${DEFAULT-VALUE}.")
  int pdPort;

  @Option(
      names = "--sql-port",
      defaultValue = "4000",
      description =
          "HTTP port for /sql, /workload and /dump (0: a free one). Default: ${DEFAULT-VALUE}.")
  int sqlPort;

  @Option(
      names = "--stores",
      defaultValue = "3",
      description = "Number of TiKV stores. Default: ${DEFAULT-VALUE}.")
  int stores;

  @Option(
      names = "--resolved-ts-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "How often stores send resolved ts (e.g. 200ms, 1s). Default: ${DEFAULT-VALUE}.")
  Duration resolvedTsInterval;

  @Option(
      names = "--store-ports",
      split = ",",
      description =
          "One port per store, comma-separated (default: free ports). Fixed ports let a"
              + " Kubernetes Service expose the stores.")
  List<Integer> storePorts = List.of();

  @Option(
      names = "--listen-host",
      defaultValue = "127.0.0.1",
      description =
          "Address every server listens on (0.0.0.0: all interfaces). Default: ${DEFAULT-VALUE}.")
  String listenHost;

  @Option(
      names = "--advertise-host",
      description =
          "Host name or address PD gives clients for PD and the stores. Default: the listen host,"
              + " or this machine's host name when listening on 0.0.0.0.")
  String advertiseHost;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "PEM certificate (chain) of the PD and store gRPC servers; with --tls-key turns TLS on.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "PEM private key (PKCS#8) for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      description =
          "PEM CA certificate: clients must present a certificate it signed (mutual TLS).")
  Path tlsCa;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    SimulatorConfig config =
        SimulatorConfig.defaults()
            .withStores(stores)
            .withPdPort(pdPort)
            .withResolvedTsInterval(resolvedTsInterval)
            .withNetwork(network());
    if (!storePorts.isEmpty()) {
      if (storePorts.size() != stores) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--store-ports lists " + storePorts.size() + " ports for " + stores + " stores");
      }
      config = config.withStorePorts(storePorts);
    }
    SimulatorServer server = SimulatorServer.start(config, sqlPort);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  System.err.println("simulator: stopped");
                  stopped.countDown();
                },
                "sim-shutdown"));
    out.printf("simulator: cluster id %d%n", server.simulator().clusterId());
    out.printf(
        "simulator: PD   %s%s%n",
        server.pdAddress(), tlsCert == null ? "" : tlsCa == null ? "  (TLS)" : "  (mutual TLS)");
    server
        .simulator()
        .storeAddresses()
        .forEach((id, addr) -> out.printf("simulator: TiKV store %d at %s%n", id, addr));
    out.printf(
        "simulator: SQL  http://%s/sql  (workloads: POST /workload, ground truth: GET /dump)%n",
        server.httpAddress());
    out.println("simulator: running; press Ctrl-C to stop");
    out.flush();
    stopped.await();
    return 0;
  }

  private Network network() {
    String advertise = advertiseHost;
    if (advertise == null) {
      advertise = listenHost;
      if (listenHost.equals("0.0.0.0")) {
        try {
          advertise = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "cannot find this machine's host name to advertise; give --advertise-host");
        }
      }
    }
    try {
      Network n = new Network(listenHost, advertise);
      return tls().map(n::withTls).orElse(n);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private Optional<ServerTls> tls() {
    if (tlsCert == null && tlsKey == null && tlsCa == null) {
      return Optional.empty();
    }
    if (tlsCert == null || tlsKey == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "TLS needs both --tls-cert and --tls-key");
    }
    return Optional.of(new ServerTls(tlsCert, tlsKey, Optional.ofNullable(tlsCa)));
  }
}
