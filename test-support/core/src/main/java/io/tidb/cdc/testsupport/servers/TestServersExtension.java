package io.tidb.cdc.testsupport.servers;

import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the shared test servers into test constructors, test methods and lifecycle methods:
 *
 * <pre>{@code
 * @ExtendWith(TestServersExtension.class)
 * class WatchTest {
 *   @Test
 *   void seesPut(EtcdServer etcd) { ... Client.builder().endpoints(etcd.endpoint()) ... }
 * }
 * }</pre>
 *
 * A server starts when first injected and stops when the JUnit run ends (via the root store).
 */
public final class TestServersExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(TestServersExtension.class);

  private static final Map<Class<?>, Supplier<Object>> SERVERS =
      Map.of(
          EtcdServer.class, TestServers::etcd,
          MariaDbServer.class, TestServers::mariaDb,
          KafkaServer.class, TestServers::kafka,
          PulsarServer.class, TestServers::pulsar,
          S3Server.class, TestServers::s3);

  private static StopAtEnd owner;

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return SERVERS.containsKey(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // Registered before the start, so even a half-started server is stopped at the end.
    registerStopAtEnd(context.getRoot());
    return SERVERS.get(parameter.getParameter().getType()).get();
  }

  /**
   * Only the first root context that asks owns the servers. A nested JUnit run inside a test (an
   * EngineTestKit run) has a root of its own that closes long before the outer run ends; were it an
   * owner, it would stop servers the outer tests still use.
   */
  private static synchronized void registerStopAtEnd(ExtensionContext root) {
    if (owner == null) {
      owner = new StopAtEnd();
      root.getStore(NAMESPACE).put(StopAtEnd.class, owner);
    }
  }

  /** Closed by JUnit when the owning root context closes, i.e. after the last test of the run. */
  private static final class StopAtEnd implements AutoCloseable {
    @Override
    public void close() {
      synchronized (TestServersExtension.class) {
        if (owner == this) {
          owner = null;
        }
      }
      TestServers.stopAll();
    }
  }
}
