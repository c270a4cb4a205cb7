package io.tidb.cdc.e2e;

import java.nio.file.Path;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * Builds the product and operator images from this build's jars with the Dockerfiles users build
 * with (docker/ticdc, docker/operator; dev/images does the same from a shell).
 */
final class Images {
  static final String PRODUCT = "ticdc:e2e";
  static final String OPERATOR = "ticdc-operator:e2e";

  private Images() {}

  static void buildProduct() {
    Path cli = Repo.built("cli/target");
    new ImageFromDockerfile(PRODUCT, false)
        .withFileFromPath("Dockerfile", Repo.built("docker/ticdc/Dockerfile"))
        .withFileFromPath("ticdc-cli.jar", Repo.built("cli/target/ticdc-cli.jar"))
        .withFileFromPath("lib", cli.resolve("lib"))
        .withFileFromPath("bin/ticdc", Repo.built("bin/ticdc"))
        .get();
  }

  static void buildOperator() {
    Path app = Repo.built("operator/target/quarkus-app");
    new ImageFromDockerfile(OPERATOR, false)
        .withFileFromPath("Dockerfile", Repo.built("docker/operator/Dockerfile"))
        .withFileFromPath("quarkus-run.jar", app.resolve("quarkus-run.jar"))
        .withFileFromPath("lib", app.resolve("lib"))
        .withFileFromPath("app", app.resolve("app"))
        .withFileFromPath("quarkus", app.resolve("quarkus"))
        .get();
  }
}
