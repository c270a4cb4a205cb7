package io.tidb.cdc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StandaloneAndDemoCommandsTest {
  @TempDir Path tmp;

  private record Run(int exitCode, String out, String err) {}

  /** Runs the command line with System.out captured too (the progress line goes there). */
  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      CommandLine cl = TiCdcCommand.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      int code = cl.execute(args);
      return new Run(code, out + stdout.toString(StandardCharsets.UTF_8), err.toString());
    } finally {
      System.setOut(saved);
    }
  }

  @Test
  void aBadChangefeedFileIsRefusedWithEveryFieldNamed() throws Exception {
    Path f = tmp.resolve("bad.yaml");
    Files.writeString(
        f,
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec:
          upstream:
            pdAddresses: ["127.0.0.1:2379"]
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: demo}
        spec:
          cluster: local
          filter: {rules: ["app.*", "app.["]}
          sink: {uri: "files:///tmp/x"}
        """);
    Run r = run("standalone", "-f", f.toString(), "--data-dir", tmp.resolve("d").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("ticdc standalone: " + f + " has 2 problems:")
        .contains("Changefeed demo: spec.filter.rules[1]: invalid filter rule #2 \"app.[\"")
        .contains("Changefeed demo: spec.sink.uri: unknown sink scheme 'files'");
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  @Test
  void anUnknownFieldIsRefused() throws Exception {
    Path f = tmp.resolve("typo.yaml");
    Files.writeString(
        f,
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec: {upstream: {pdAddresses: ["127.0.0.1:2379"]}}
        ---
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: demo}
        spec: {cluster: local, sink: {urii: "blackhole://"}}
        """);
    Run r = run("standalone", "-f", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "Changefeed demo: spec.sink.urii: unknown field (known: uri, protocol,"
                + " credentialsSecretRef, dispatchers, options)");
  }

  @Test
  void workerHelpNamesEveryOptionAndAMissingCaptureIdIsRefused() throws Exception {
    Run help = run("worker", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "--cluster-file",
            "--capture-id",
            "--cluster-namespace",
            "--etcd",
            "--data-dir",
            "--http-port",
            "--advertise-address",
            "--lease-ttl",
            "--drain-timeout",
            "--report-interval",
            "TICDC_CAPTURE_ID");
    Path f = tmp.resolve("cluster.yaml");
    java.nio.file.Files.writeString(
        f,
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: local}
        spec: {upstream: {pdAddresses: ["127.0.0.1:2379"]}}
        """);
    Run r = run("worker", "--cluster-file", f.toString(), "--capture-id", " ");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--capture-id (or TICDC_CAPTURE_ID) is required");
    Run zero =
        run(
            "worker",
            "--cluster-file",
            f.toString(),
            "--capture-id",
            "c1",
            "--report-interval",
            "0ms");
    assertThat(zero.exitCode()).isNotZero();
    assertThat(zero.err()).contains("--report-interval").contains("positive");
  }

  @Test
  void aMissingFileIsNamed() {
    Run r = run("standalone", "-f", tmp.resolve("nope.yaml").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("nope.yaml").contains("cannot read the file");
  }

  @Test
  void theDemoReplicatesAWorkloadAndFindsEveryTableConsistent() {
    Run r =
        run(
            "demo",
            "--tables",
            "2",
            "--rows",
            "200",
            "--transactions",
            "3000",
            "--rate",
            "0",
            "--ddl-every",
            "1000",
            "--large-txn-every",
            "1500",
            "--large-txn-rows",
            "300");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out())
        .contains("kind: Changefeed")
        .contains("demo  Stopped  checkpoint")
        .containsPattern("sbtest\\.sbtest1 +[0-9,]+ +[0-9,]+ +OK")
        .containsPattern("sbtest\\.sbtest2 +[0-9,]+ +[0-9,]+ +OK")
        .contains("demo: CONSISTENT");
    assertThat(r.out()).containsPattern("changefeed file (\\S+)changefeed.yaml");
    String dir = r.out().replaceAll("(?s).*changefeed file (\\S+)/changefeed.yaml.*", "$1");
    assertThat(Path.of(dir)).as("the demo cleans up").doesNotExist();
  }
}
