package io.tidb.cdc.operator.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code /usr/bin/kubectl} against a server URL, with a throw-away config. */
public final class Kubectl {
  public static final Path BINARY = Path.of("/usr/bin/kubectl");

  private final String server;
  private final Path home;

  public Kubectl(String server, Path home) {
    this.server = server;
    this.home = home;
  }

  public static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /** Runs kubectl; returns stdout, or fails with stdout and stderr when it exits non-zero. */
  public String run(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(BINARY.toString());
    cmd.add("--server=" + server);
    cmd.add("--insecure-skip-tls-verify");
    cmd.add("--cache-dir=" + home.resolve("cache"));
    cmd.add("--request-timeout=20s");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("KUBECONFIG", home.resolve("kubeconfig").toString());
    pb.environment().put("HOME", home.toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new IllegalStateException(
          "kubectl " + String.join(" ", args) + " did not finish in 60s");
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IllegalStateException(
          "kubectl "
              + String.join(" ", args)
              + " exited "
              + p.exitValue()
              + "\nstdout:\n"
              + stdout
              + "\nstderr:\n"
              + Files.readString(err, StandardCharsets.UTF_8));
    }
    return stdout;
  }
}
