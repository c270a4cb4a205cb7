package io.tidb.cdc.cli;

import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ConfigException;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Tso;
import io.tidb.cdc.worker.standalone.ProgressReporter;
import io.tidb.cdc.worker.standalone.RunnerOptions;
import io.tidb.cdc.worker.standalone.StandaloneRunner;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ticdc standalone}: one changefeed in this process, without Kubernetes. */
@Command(
    name = "standalone",
    mixinStandardHelpOptions = true,
    description = {
      "Run one changefeed in this process: the TiCDCCluster and Changefeed resources of FILE"
          + " (the YAML a Kubernetes user applies), with the checkpoint kept in --data-dir. A"
          + " restart, even after kill -9, resumes from the checkpoint. Shows a live progress"
          + " line; Ctrl-C or SIGTERM stops cleanly (last flush, checkpoint saved). Exits 0 when"
          + " the changefeed reaches its targetTs or is stopped, 1 when it fails.",
      "",
      "Example FILE:",
      "  apiVersion: cdc.tidb.io/v1alpha1",
      "  kind: TiCDCCluster",
      "  metadata: {name: local}",
      "  spec:",
      "    upstream:",
      "      pdAddresses: [\"127.0.0.1:2379\"]",
      "  ---",
      "  apiVersion: cdc.tidb.io/v1alpha1",
      "  kind: Changefeed",
      "  metadata: {name: demo}",
      "  spec:",
      "    cluster: local",
      "    filter: {rules: [\"app.*\", \"!app.tmp_*\"]}",
      "    sink: {uri: \"file:///tmp/demo-out?protocol=canal-json\"}",
      ""
    })
final class StandaloneCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = {"-f", "--file"},
      required = true,
      paramLabel = "FILE",
      description = "The changefeed file: a TiCDCCluster and a Changefeed document.")
  Path file;

  @Option(
      names = "--data-dir",
      defaultValue = "ticdc-data",
      paramLabel = "DIR",
      description =
          "Where checkpoints and sorter files are kept (one folder per changefeed)."
              + " Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description =
          "Serve /healthz, /readyz, /metrics (Prometheus) and /api/v1/status on this port"
              + " (0: a free one). Default: no HTTP server.")
  Integer httpPort;

  @Option(
      names = "--http-host",
      defaultValue = "127.0.0.1",
      description = "The address the HTTP server binds. Default: ${DEFAULT-VALUE}.")
  String httpHost;

  @Option(names = "--no-progress", description = "Do not print the progress line (logs only).")
  boolean noProgress;

  @Option(
      names = "--upstream-tls-dir",
      paramLabel = "DIR",
      description =
          "TLS to PD and TiKV: DIR holds ca.crt (the cluster's CA) and, for mutual TLS, tls.crt"
              + " and tls.key (PKCS#8), as in a mounted Kubernetes TLS Secret."
              + " Default: plaintext (TLS with the JVM's CAs for https:// PD addresses).")
  Path upstreamTlsDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ChangefeedSettings settings;
    try {
      settings = ChangefeedDefaults.load(file);
    } catch (ConfigException e) {
      throw new CommandLineFailure(e.getMessage());
    }
    Optional<TlsConfig> upstreamTls = TlsDirs.load("--upstream-tls-dir", upstreamTlsDir);
    TlsDirs.checkPd(settings.pdAddresses(), upstreamTls);
    RunnerOptions options =
        new RunnerOptions(
            dataDir.toAbsolutePath(),
            httpPort == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(httpPort),
            httpHost,
            System.out,
            noProgress ? ProgressReporter.Mode.OFF : ProgressReporter.detect(),
            Duration.ofMinutes(30),
            upstreamTls);
    StandaloneRunner runner = new StandaloneRunner(settings, options);
    CountDownLatch reported = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              runner.stop();
              try {
                runner.awaitStopped(Duration.ofSeconds(60));
                // Let the main thread print how the changefeed ended before the JVM halts.
                reported.await(5, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "ticdc-standalone-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    StandaloneRunner.Outcome outcome;
    try {
      outcome = runner.run();
    } catch (IOException e) {
      throw new CommandLineFailure(e.getMessage());
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down (Ctrl-C): the hook is running and returns at once.
    }
    PrintWriter err = spec.commandLine().getErr();
    ChangefeedStatus s = runner.status();
    String at =
        s.checkpointTs() > 0
            ? " at checkpoint " + s.checkpointTs() + " (" + Tso.toInstant(s.checkpointTs()) + ")"
            : "";
    switch (outcome) {
      case FAILED ->
          err.println(
              "standalone: changefeed "
                  + settings.id()
                  + " failed"
                  + at
                  + ": "
                  + s.lastError().orElse("unknown error"));
      case PAUSED ->
          err.println(
              "standalone: changefeed "
                  + settings.id()
                  + " is "
                  + settings.state().text()
                  + " (spec.state); nothing to do");
      default ->
          err.println(
              "standalone: changefeed "
                  + settings.id()
                  + " "
                  + outcome.name().toLowerCase(java.util.Locale.ROOT)
                  + at);
    }
    err.flush();
    reported.countDown();
    return outcome.exitCode();
  }
}
