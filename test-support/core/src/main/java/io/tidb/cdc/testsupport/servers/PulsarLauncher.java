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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulsar standalone (broker + one bookie, RocksDB metadata) in a child JVM whose classpath comes
 * from ticdc-test-support-runtime-pulsar. Never in the test JVM: on a fatal error the standalone
 * halts its JVM.
 */
final class PulsarLauncher implements ServerLauncher<PulsarServer> {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final List<String> JVM_OPTIONS =
      List.of(
          "-Xms128m",
          "-Xmx512m",
          "-XX:MaxDirectMemorySize=256m",
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-Djava.awt.headless=true",
          "-Dio.netty.tryReflectionSetAccessible=true",
          "-Dpulsar.allocator.exit_on_oom=true",
          // What bin/pulsar passes on Java 17 for Netty, BookKeeper and the metrics collectors.
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util.zip=ALL-UNNAMED",
          "--add-opens=java.base/sun.net=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.platform=ALL-UNNAMED",
          "--add-opens=java.management/sun.management=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED");

  @Override
  public RunningServer<PulsarServer> start(Path logDir) {
    List<Path> classpath = ServerClasspath.read("pulsar");
    List<Integer> ports = FreePorts.allocate(3);
    int brokerPort = ports.get(0);
    int webPort = ports.get(1);
    int bookiePort = ports.get(2);
    // Also the working directory: standalone resolves some defaults (data/, conf/) against it.
    ScratchDir scratch = ScratchDir.create("ticdc-pulsar-");
    ChildProcess process;
    try {
      Path config = logDir.resolve("standalone.conf");
      Path log4j = logDir.resolve("log4j2.properties");
      Files.writeString(config, standaloneConf(brokerPort, webPort));
      Files.writeString(log4j, LogConfigs.log4j2ConsoleAtInfo());
      List<String> arguments = new ArrayList<>();
      arguments.addAll(List.of("-c", config.toString()));
      arguments.addAll(List.of("--wipe-data", "--no-functions-worker", "--no-stream-storage"));
      arguments.addAll(List.of("--metadata-dir", scratch.resolve("metadata").toString()));
      arguments.addAll(List.of("--bookkeeper-dir", scratch.resolve("bookkeeper").toString()));
      arguments.addAll(List.of("--bookkeeper-port", Integer.toString(bookiePort)));
      arguments.addAll(List.of("--advertised-address", "127.0.0.1"));
      JavaCommand command =
          new JavaCommand(
              "org.apache.pulsar.PulsarStandaloneStarter",
              LogConfigs.withLog4j2(JVM_OPTIONS, log4j),
              classpath,
              arguments);
      process =
          ChildProcess.start(
              new ProcessSpec(
                  "pulsar",
                  command.toCommand(logDir.resolve("pulsar.args")),
                  scratch.path(),
                  logDir.resolve("pulsar.log")));
    } catch (IOException e) {
      scratch.close();
      throw new UncheckedIOException("cannot write the Pulsar configuration into " + logDir, e);
    } catch (RuntimeException e) {
      scratch.close();
      throw e;
    }
    PulsarServer endpoint = new PulsarServer("127.0.0.1", brokerPort, webPort);
    URI namespace = URI.create(endpoint.httpUrl() + "/admin/v2/namespaces/public/default");
    try {
      // The standalone creates public/default last, after broker and bookie are up.
      Readiness.await(process, READY_TIMEOUT, () -> HttpProbe.get(namespace).status() == 200);
    } catch (RuntimeException e) {
      process.close();
      scratch.close();
      throw e;
    }
    return new RunningServer<>(endpoint, process, List.of(scratch));
  }

  private static String standaloneConf(int brokerPort, int webPort) {
    return String.join(
        "\n",
        "clusterName=standalone",
        "bindAddress=127.0.0.1",
        "advertisedAddress=127.0.0.1",
        "brokerServicePort=" + brokerPort,
        "webServicePort=" + webPort,
        // Read by the bookie too (same file): bind it to the loopback interface only.
        "listeningInterface=lo",
        "allowLoopback=true",
        "managedLedgerDefaultEnsembleSize=1",
        "managedLedgerDefaultWriteQuorum=1",
        "managedLedgerDefaultAckQuorum=1",
        "allowAutoTopicCreation=true",
        "allowAutoTopicCreationType=non-partitioned",
        "brokerDeleteInactiveTopicsEnabled=false",
        "authenticationEnabled=false",
        "authorizationEnabled=false",
        "numIOThreads=2",
        "numHttpServerThreads=4",
        "numExecutorThreadPoolSize=2",
        "numOrderedExecutorThreads=2",
        "bookkeeperNumberOfChannelsPerBookie=1",
        // Bookie caches default to a quarter of direct memory each; a test needs little.
        "dbStorage_writeCacheMaxSizeMb=16",
        "dbStorage_readAheadCacheMaxSizeMb=16",
        "dbStorage_rocksDB_blockCacheSize=16777216",
        "journalSyncData=false",
        "journalWriteData=true",
        "httpServerEnabled=false",
        "");
  }
}
