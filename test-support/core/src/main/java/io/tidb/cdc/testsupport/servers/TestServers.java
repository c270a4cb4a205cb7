package io.tidb.cdc.testsupport.servers;

import io.tidb.cdc.testsupport.leak.JvmSharedResources;
import io.tidb.cdc.testsupport.process.ProcessTrees;
import io.tidb.cdc.testsupport.process.ScratchDir;
import io.tidb.cdc.testsupport.process.ServerStartException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The real servers of this test JVM: each started lazily by the first test that asks for it, then
 * shared by all tests until the JUnit run ends (see {@link TestServersExtension}) or, as a safety
 * net, the JVM shuts down.
 *
 * <p>Prefer parameter injection through {@link TestServersExtension}; these static accessors are
 * for code that cannot take parameters (they start the server the same way, but only the shutdown
 * hook stops it unless the extension was used somewhere in the run).
 */
public final class TestServers {
  /** Retries only help when the free port we picked was taken in between. */
  private static final int START_ATTEMPTS = 3;

  private static final Duration SHUTDOWN_HOOK_WAIT = Duration.ofSeconds(5);

  /** Concurrent so that the shutdown hook can read it without the lock a test may hold. */
  private static final Map<Kind, RunningServer<?>> RUNNING = new ConcurrentHashMap<>();

  private static final List<StartupTime> STARTUPS = new ArrayList<>();

  /**
   * A server that failed to start is not tried again by every later test (a timeout would cost each
   * of them minutes); they fail at once with the first failure as cause.
   */
  private static final Map<Kind, RuntimeException> FAILED = new EnumMap<>(Kind.class);

  private static boolean shutdownHookInstalled;

  /** The kinds of servers and the names used for their log directories and summaries. */
  enum Kind {
    ETCD("etcd", EtcdLauncher::new),
    MARIADB("mariadb", MariaDbLauncher::new),
    KAFKA("kafka", KafkaLauncher::new),
    PULSAR("pulsar", PulsarLauncher::new),
    S3("s3", S3Launcher::new);

    final String label;
    final Supplier<ServerLauncher<?>> launcher;

    Kind(String label, Supplier<ServerLauncher<?>> launcher) {
      this.label = label;
      this.launcher = launcher;
    }
  }

  /** How long one server took from launch to ready. */
  public record StartupTime(String server, Duration duration) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s %.1fs", server, duration.toMillis() / 1000.0);
    }
  }

  private TestServers() {}

  public static EtcdServer etcd() {
    return (EtcdServer) get(Kind.ETCD);
  }

  public static MariaDbServer mariaDb() {
    return (MariaDbServer) get(Kind.MARIADB);
  }

  public static KafkaServer kafka() {
    return (KafkaServer) get(Kind.KAFKA);
  }

  public static PulsarServer pulsar() {
    return (PulsarServer) get(Kind.PULSAR);
  }

  public static S3Server s3() {
    return (S3Server) get(Kind.S3);
  }

  /** Start-up durations of every server started in this JVM so far, in start order. */
  public static synchronized List<StartupTime> startupTimes() {
    return List.copyOf(STARTUPS);
  }

  /** Stops every running server and forgets failures; a later request starts a fresh one. */
  public static synchronized void stopAll() {
    for (RunningServer<?> server : RUNNING.values()) {
      server.close();
    }
    RUNNING.clear();
    FAILED.clear();
  }

  // One lock for all kinds: starts are rare and serial starts keep a 2-core machine responsive.
  private static synchronized Object get(Kind kind) {
    RunningServer<?> running = RUNNING.get(kind);
    if (running != null && running.process().isAlive()) {
      return running.endpoint();
    }
    if (running != null) {
      // It died under the tests (e.g. killed by hand); the next test gets a fresh one.
      running.close();
      RUNNING.remove(kind);
    }
    RuntimeException earlier = FAILED.get(kind);
    if (earlier != null) {
      throw new IllegalStateException(
          kind.label + " failed to start earlier in this JVM and is not retried", earlier);
    }
    installShutdownHook();
    long start = System.nanoTime();
    RunningServer<?> started;
    try {
      started = startWithRetries(kind);
    } catch (RuntimeException e) {
      FAILED.put(kind, e);
      throw e;
    }
    STARTUPS.add(new StartupTime(kind.label, Duration.ofNanos(System.nanoTime() - start)));
    RUNNING.put(kind, started);
    return started.endpoint();
  }

  private static RunningServer<?> startWithRetries(Kind kind) {
    for (int attempt = 1; ; attempt++) {
      try {
        RunningServer<?> server = kind.launcher.get().start(ServerLogs.directoryFor(kind.label));
        JvmSharedResources.register(server.process().handle());
        return server;
      } catch (ServerStartException e) {
        boolean portTaken = e.logTail().toLowerCase(Locale.ROOT).contains("already in use");
        if (!portTaken || attempt == START_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void installShutdownHook() {
    if (shutdownHookInstalled) {
      return;
    }
    shutdownHookInstalled = true;
    // Runs without the lock: a test thread may hold it while starting a server at exit time.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TestServers::killAllAtExit, "ticdc-test-servers-shutdown"));
  }

  private static void killAllAtExit() {
    for (RunningServer<?> server : RUNNING.values()) {
      ProcessTrees.kill(server.process().handle(), SHUTDOWN_HOOK_WAIT);
      server.dataDirs().forEach(ScratchDir::close);
    }
  }
}
