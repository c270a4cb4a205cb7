package io.tidb.cdc.operator.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fabric8 mock API server in CRUD mode, knowing our CRDs (from {@code crds/generated}), behind
 * the {@link KubectlShim} so that the real kubectl can drive it.
 */
public final class MockApiServer implements AutoCloseable {
  /** The checked-in CRDs, relative to the operator module. */
  public static final Path CRD_DIR = Path.of("..", "crds", "generated");

  private final KubernetesMockServer server;
  private final List<CustomResourceDefinition> crds;

  public MockApiServer() {
    crds = loadCrds();
    KubernetesCrudDispatcher crud =
        new KubernetesCrudDispatcher(
            crds.stream().map(CustomResourceDefinitionContext::fromCrd).toList());
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubectlShim(crud, crds),
            false);
    server.init();
  }

  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  public KubernetesClient client() {
    return server.createClient();
  }

  public List<CustomResourceDefinition> crds() {
    return crds;
  }

  private static List<CustomResourceDefinition> loadCrds() {
    try (Stream<Path> files = Files.list(CRD_DIR)) {
      return files
          .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .map(MockApiServer::read)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CRDs in " + CRD_DIR.toAbsolutePath(), e);
    }
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    server.destroy();
  }
}
