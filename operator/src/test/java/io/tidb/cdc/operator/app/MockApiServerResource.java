package io.tidb.cdc.operator.app;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tidb.cdc.operator.kube.MockApiServer;
import java.util.Map;

/** Starts the mock API server (with the kubectl shim) for the Quarkus application under test. */
public class MockApiServerResource implements QuarkusTestResourceLifecycleManager {
  static MockApiServer server;

  @Override
  public Map<String, String> start() {
    server = new MockApiServer();
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", server.url(),
        "quarkus.kubernetes-client.namespace", "smoke",
        "quarkus.kubernetes-client.trust-certs", "true");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
