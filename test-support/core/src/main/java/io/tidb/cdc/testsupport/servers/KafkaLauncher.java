package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.process.ChildProcess;
import io.tidb.cdc.testsupport.process.FreePorts;
import io.tidb.cdc.testsupport.process.JavaCommand;
import io.tidb.cdc.testsupport.process.ProcessSpec;
import io.tidb.cdc.testsupport.process.Readiness;
import io.tidb.cdc.testsupport.process.ScratchDir;
import io.tidb.cdc.testsupport.process.ServerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Kafka in KRaft mode, one node acting as broker and controller, in a child JVM whose classpath
 * comes from ticdc-test-support-runtime-kafka. The storage is formatted first with StorageTool.
 */
final class KafkaLauncher implements ServerLauncher<KafkaServer> {
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms64m",
          "-Xmx512m",
          "-XX:+UseSerialGC",
          // C1 only: a test broker lives for minutes, start-up time dominates.
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true");

  @Override
  public RunningServer<KafkaServer> start(Path logDir) {
    List<Path> classpath = ServerClasspath.read("kafka");
    List<Integer> ports = FreePorts.allocate(2);
    int brokerPort = ports.get(0);
    int controllerPort = ports.get(1);
    ScratchDir scratch = ScratchDir.create("ticdc-kafka-");
    ChildProcess process;
    try {
      Path properties = logDir.resolve("server.properties");
      Path log4j = logDir.resolve("log4j2.properties");
      Files.writeString(properties, serverProperties(brokerPort, controllerPort, scratch));
      Files.writeString(log4j, LogConfigs.log4j2ConsoleAtInfo());
      List<String> jvm = LogConfigs.withLog4j2(JVM_OPTIONS, log4j);

      JavaCommand format =
          new JavaCommand(
              "kafka.tools.StorageTool",
              jvm,
              classpath,
              List.of("format", "-t", newClusterId(), "-c", properties.toString()));
      try (ChildProcess formatting =
          ChildProcess.start(
              new ProcessSpec(
                  "kafka storage format",
                  format.toCommand(logDir.resolve("kafka-format.args")),
                  scratch.path(),
                  logDir.resolve("kafka-format.log")))) {
        formatting.awaitSuccess(FORMAT_TIMEOUT);
      }

      JavaCommand server =
          new JavaCommand("kafka.Kafka", jvm, classpath, List.of(properties.toString()));
      process =
          ChildProcess.start(
              new ProcessSpec(
                  "kafka",
                  server.toCommand(logDir.resolve("kafka.args")),
                  scratch.path(),
                  logDir.resolve("kafka.log")));
    } catch (IOException e) {
      scratch.close();
      throw new UncheckedIOException("cannot write the Kafka configuration into " + logDir, e);
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
    KafkaServer endpoint = new KafkaServer("127.0.0.1", brokerPort);
    try {
      Readiness.await(process, READY_TIMEOUT, () -> KafkaProbe.answersApiVersions(endpoint));
    } catch (RuntimeException e) {
      process.close();
      scratch.close();
      throw e;
    }
    return new RunningServer<>(endpoint, process, List.of(scratch));
  }

  private static String serverProperties(int brokerPort, int controllerPort, ScratchDir scratch) {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:"
            + brokerPort
            + ",CONTROLLER://127.0.0.1:"
            + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
        "log.dirs=" + scratch.resolve("logs"),
        "num.partitions=1",
        "default.replication.factor=1",
        "auto.create.topics.enable=true",
        // Single node: every internal topic must make do with one replica, and few partitions
        // keep the first consumer group or transaction from creating 50 of them.
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "num.network.threads=2",
        "num.io.threads=2",
        "background.threads=2",
        "num.recovery.threads.per.data.dir=1",
        "log.cleaner.dedupe.buffer.size=8388608",
        "");
  }

  /** A random cluster id in Kafka's format: 16 random bytes, URL-safe base64 without padding. */
  private static String newClusterId() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16);
    bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }
}
