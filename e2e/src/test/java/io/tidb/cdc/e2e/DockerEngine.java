package io.tidb.cdc.e2e;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; the suite needs one for k3s and the images. */
final class DockerEngine {
  private DockerEngine() {}

  /** Skips the calling test, printing why, unless a Docker engine answers. */
  static void requireOrSkip() {
    boolean available;
    String detail;
    try {
      available = DockerClientFactory.instance().isDockerAvailable();
      detail = "Testcontainers found no working Docker environment";
    } catch (RuntimeException e) {
      available = false;
      detail = e.getMessage();
    }
    if (!available) {
      String reason =
          "e2e on k3s skipped: no Docker engine answers ("
              + detail
              + "; DOCKER_HOST="
              + System.getenv().getOrDefault("DOCKER_HOST", "unset")
              + "). Run it where `docker info` works: ./mvnw -B verify -pl e2e";
      System.out.println(reason);
      Assumptions.abort(reason);
    }
  }
}
