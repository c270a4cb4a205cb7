package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.FreePorts;
import io.tidb.cdc.testsupport.process.HttpProbe;
import io.tidb.cdc.testsupport.process.JavaCommand;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.Readiness;
import io.tidb.cdc.testsupport.process.ScratchDir;
import io.tidb.cdc.testsupport.process.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * s3proxy with jclouds' in-memory ("transient") blob store in a child JVM whose classpath comes
 * from ticdc-test-support-runtime-s3 (s3proxy runs on Jackson 3 and Jetty 12, which must not meet
 * the test classpath). Requests must be signed with the fixed key pair of {@link S3Server}.
 */
final class S3Launcher implements ServerLauncher<S3Server> {
  static final String ACCESS_KEY = "ticdc-test-access-key";
  static final String SECRET_KEY = "ticdc-test-secret-key";
  static final String REGION = "us-east-1";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms32m",
          "-Xmx256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true");

  @Override
  public RunningServer<S3Server> start(Path logDir) {
    List<Path> classpath = ServerClasspath.read("s3");
    int port = FreePorts.allocate(1).get(0);
    ScratchDir scratch = ScratchDir.create("ticdc-s3-");
    ChildProcess process;
    try {
      Path properties = logDir.resolve("s3proxy.properties");
      Path logback = logDir.resolve("logback.xml");
      Files.writeString(properties, s3proxyProperties(port));
      Files.writeString(logback, LogConfigs.logbackConsoleAtInfo());
      JavaCommand command =
          new JavaCommand(
              "org.gaul.s3proxy.Main",
              LogConfigs.withLogback(JVM_OPTIONS, logback),
              classpath,
              List.of("--properties", properties.toString()));
      process =
          ChildProcess.start(
              new ProcessSpec(
                  "s3proxy",
                  command.toCommand(logDir.resolve("s3proxy.args")),
                  scratch.path(),
                  logDir.resolve("s3proxy.log")));
    } catch (IOException e) {
      scratch.close();
      throw new UncheckedIOException("cannot write the s3proxy configuration into " + logDir, e);
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
    S3Server endpoint = new S3Server("127.0.0.1", port, ACCESS_KEY, SECRET_KEY, REGION);
    try {
      // Any HTTP answer (an unsigned request gets 403) means Jetty serves the S3 handler.
      Readiness.await(
          process, READY_TIMEOUT, () -> HttpProbe.get(endpoint.endpoint()).status() > 0);
    } catch (RuntimeException e) {
      process.close();
      scratch.close();
      throw e;
    }
    return new RunningServer<>(endpoint, process, List.of(scratch));
  }

  private static String s3proxyProperties(int port) {
    return String.join(
        "\n",
        "s3proxy.endpoint=http://127.0.0.1:" + port,
        "s3proxy.authorization=aws-v2-or-v4",
        "s3proxy.identity=" + ACCESS_KEY,
        "s3proxy.credential=" + SECRET_KEY,
        "jclouds.provider=transient",
        "jclouds.identity=" + ACCESS_KEY,
        "jclouds.credential=" + SECRET_KEY,
        "jclouds.regions=" + REGION,
        "");
  }
}
