package io.tidb.cdc.cli;

import io.tidb.cdc.worker.capture.Capture;
import io.tidb.cdc.worker.capture.CaptureConfig;
import io.tidb.cdc.worker.capture.CaptureTls;
import io.tidb.cdc.worker.config.ConfigException;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.config.TiCdcCluster;
import io.tidb.cdc.worker.http.CaptureView;
import io.tidb.cdc.worker.http.StatusServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ticdc worker}: one capture of a TiCDCCluster, coordinated through etcd. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run this process as one capture of a TiCDCCluster (what a worker pod runs). It registers"
          + " in etcd under a lease, campaigns for the maintainer of every changefeed written"
          + " under the cluster's prefix by the operator, replicates the tables the operator"
          + " assigns to it, and reports their positions. SIGTERM drains: it asks the operator"
          + " to move its tables away, waits up to --drain-timeout, then exits 0.",
      "",
      "Environment (Kubernetes): TICDC_CAPTURE_ID (the pod name) and TICDC_CLUSTER_FILE stand in"
          + " for --capture-id and --cluster-file.",
      ""
    })
final class WorkerCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--cluster-file",
      paramLabel = "FILE",
      description =
          "A YAML file holding the TiCDCCluster document (the operator's ConfigMap)."
              + " Default: $TICDC_CLUSTER_FILE.")
  Path clusterFile;

  @Option(
      names = "--capture-id",
      paramLabel = "ID",
      description = "This capture's id, unique in the cluster. Default: $TICDC_CAPTURE_ID.")
  String captureId;

  @Option(
      names = "--cluster-namespace",
      paramLabel = "NS",
      description =
          "The TiCDCCluster's namespace. Default: its metadata.namespace, else 'default'.")
  String clusterNamespace;

  @Option(
      names = "--etcd",
      paramLabel = "ENDPOINTS",
      split = ",",
      description =
          "etcd endpoints (host:port, comma-separated). Default: the cluster's spec.etcd.endpoints,"
              + " else spec.upstream.pdAddresses.")
  List<String> etcd;

  @Option(
      names = "--data-dir",
      defaultValue = "ticdc-data",
      paramLabel = "DIR",
      description = "Where sorter files are kept. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--http-port",
      defaultValue = "8300",
      paramLabel = "PORT",
      description =
          "Serve /healthz, /readyz, /metrics and /api/v1/status on this port (0: a free one)."
              + " Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(
      names = "--http-host",
      defaultValue = "0.0.0.0",
      description = "The address the HTTP server binds. Default: ${DEFAULT-VALUE}.")
  String httpHost;

  @Option(
      names = "--advertise-address",
      paramLabel = "HOST:PORT",
      description =
          "The HTTP address published in etcd. Default: this host's name and --http-port.")
  String advertiseAddress;

  @Option(
      names = "--lease-ttl",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "The capture lease's TTL. Default: ${DEFAULT-VALUE}.")
  Duration leaseTtl;

  @Option(
      names = "--drain-timeout",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long SIGTERM waits for the operator to move this capture's tables away."
              + " Default: ${DEFAULT-VALUE}.")
  Duration drainTimeout;

  @Option(
      names = "--report-interval",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "The least time between two writes of a changefeed's table positions or progress to"
              + " etcd; the reported checkpoint lags by up to about twice this."
              + " Default: ${DEFAULT-VALUE}.")
  Duration reportInterval;

  @Option(
      names = "--upstream-tls-dir",
      paramLabel = "DIR",
      description =
          "TLS to PD and TiKV: DIR holds ca.crt and, for mutual TLS, tls.crt and tls.key"
              + " (the operator mounts spec.upstream.tlsSecretRef at /etc/ticdc/tls/upstream).")
  Path upstreamTlsDir;

  @Option(
      names = "--etcd-tls-dir",
      paramLabel = "DIR",
      description =
          "TLS to etcd, laid out like --upstream-tls-dir (the operator mounts"
              + " spec.etcd.tlsSecretRef at /etc/ticdc/tls/etcd).")
  Path etcdTlsDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    Path file =
        Optional.ofNullable(clusterFile)
            .or(() -> Optional.ofNullable(System.getenv("TICDC_CLUSTER_FILE")).map(Path::of))
            .orElseThrow(
                () -> new CommandLineFailure("--cluster-file (or TICDC_CLUSTER_FILE) is required"));
    String id =
        Optional.ofNullable(captureId)
            .or(() -> Optional.ofNullable(System.getenv("TICDC_CAPTURE_ID")))
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () -> new CommandLineFailure("--capture-id (or TICDC_CAPTURE_ID) is required"));
    TiCdcCluster cluster;
    try {
      cluster = ResourceFile.readCluster(file);
    } catch (ConfigException e) {
      throw new CommandLineFailure(e.getMessage());
    }
    if (cluster.metadata() == null || cluster.metadata().name() == null) {
      throw new CommandLineFailure(file + ": the TiCDCCluster has no metadata.name");
    }
    String ns =
        Optional.ofNullable(clusterNamespace)
            .or(() -> Optional.ofNullable(cluster.metadata().namespace()))
            .filter(s -> !s.isBlank())
            .orElse("default");
    List<String> endpoints = etcdEndpoints(cluster);
    if (endpoints.isEmpty()) {
      throw new CommandLineFailure("no etcd endpoints: give --etcd or spec.upstream.pdAddresses");
    }
    CaptureTls tls =
        new CaptureTls(
            TlsDirs.load("--upstream-tls-dir", upstreamTlsDir),
            TlsDirs.load("--etcd-tls-dir", etcdTlsDir));
    if (cluster.spec() != null
        && cluster.spec().upstream() != null
        && cluster.spec().upstream().pdAddresses() != null) {
      TlsDirs.checkPd(cluster.spec().upstream().pdAddresses(), tls.upstream());
    }
    StatusServer http;
    Capture capture;
    CaptureConfig config;
    try {
      config =
          CaptureConfig.defaults(id, ns, cluster, endpoints, dataDir.toAbsolutePath())
              .withLeaseTtl(leaseTtl)
              .withDrainTimeout(drainTimeout)
              .withReportInterval(reportInterval)
              .withTls(tls);
    } catch (IllegalArgumentException e) {
      throw new CommandLineFailure(e.getMessage());
    }
    Capture[] holder = new Capture[1];
    http =
        StatusServer.start(
            httpHost,
            httpPort,
            new CaptureView(
                () ->
                    holder[0] == null
                        ? new Capture.Status(id, false, List.of(), new java.util.TreeMap<>())
                        : holder[0].status()));
    String advertise =
        advertiseAddress != null
            ? advertiseAddress
            : InetAddress.getLocalHost().getHostName() + ":" + http.port();
    try {
      capture = Capture.start(config.withAdvertiseAddress(advertise));
    } catch (IllegalStateException | IllegalArgumentException e) {
      http.close();
      throw new CommandLineFailure(e.getMessage());
    }
    holder[0] = capture;
    CountDownLatch drained = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    capture.drain();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } finally {
                    drained.countDown();
                  }
                },
                "ticdc-worker-drain"));
    spec.commandLine()
        .getErr()
        .println(
            "worker: capture "
                + id
                + " in cluster "
                + ns
                + "/"
                + cluster.metadata().name()
                + " (etcd "
                + String.join(",", endpoints)
                + "), HTTP on port "
                + http.port());
    spec.commandLine().getErr().flush();
    capture.awaitClosed();
    drained.await(5, TimeUnit.SECONDS);
    http.close();
    return 0;
  }

  private List<String> etcdEndpoints(TiCdcCluster cluster) {
    if (etcd != null && !etcd.isEmpty()) {
      return etcd;
    }
    var s = cluster.spec();
    if (s != null
        && s.etcd() != null
        && s.etcd().endpoints() != null
        && !s.etcd().endpoints().isEmpty()) {
      return s.etcd().endpoints();
    }
    if (s != null && s.upstream() != null && s.upstream().pdAddresses() != null) {
      return Arrays.asList(s.upstream().pdAddresses().toArray(String[]::new));
    }
    return List.of();
  }
}
