package io.tidb.cdc.worker.standalone;

import io.tidb.cdc.worker.tls.TlsConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the standalone runner runs.
 *
 * @param dataDir holds one directory per changefeed ({@code namespace/name}): checkpoint, sorter
 *     spill files, lock
 * @param httpPort the status server's port on 127.0.0.1 (0: any free one); empty: no server
 * @param progress where the progress line goes, and how
 * @param retryFor how long a failing changefeed is retried from its checkpoint before giving up
 * @param upstreamTls TLS for PD and TiKV ({@code --upstream-tls-dir}); empty: plaintext, or TLS
 *     with the JVM's CAs for {@code https://} PD addresses
 */
public record RunnerOptions(
    Path dataDir,
    OptionalInt httpPort,
    String httpHost,
    PrintStream out,
    ProgressReporter.Mode progress,
    Duration retryFor,
    Optional<TlsConfig> upstreamTls) {
  public RunnerOptions {
    Objects.requireNonNull(upstreamTls, "upstreamTls");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(httpPort, "httpPort");
    Objects.requireNonNull(httpHost, "httpHost");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(retryFor, "retryFor");
  }

  /** {@code dataDir}, no HTTP, the progress line on stdout as the console allows, 30 min retry. */
  public static RunnerOptions defaults(Path dataDir) {
    return new RunnerOptions(
        dataDir,
        OptionalInt.empty(),
        "127.0.0.1",
        System.out,
        ProgressReporter.detect(),
        Duration.ofMinutes(30),
        Optional.empty());
  }

  public RunnerOptions withHttpPort(int port) {
    return new RunnerOptions(
        dataDir, OptionalInt.of(port), httpHost, out, progress, retryFor, upstreamTls);
  }

  public RunnerOptions withProgress(PrintStream to, ProgressReporter.Mode mode) {
    return new RunnerOptions(dataDir, httpPort, httpHost, to, mode, retryFor, upstreamTls);
  }

  public RunnerOptions withRetryFor(Duration d) {
    return new RunnerOptions(dataDir, httpPort, httpHost, out, progress, d, upstreamTls);
  }

  public RunnerOptions withUpstreamTls(TlsConfig tls) {
    return new RunnerOptions(
        dataDir, httpPort, httpHost, out, progress, retryFor, Optional.of(tls));
  }
}
