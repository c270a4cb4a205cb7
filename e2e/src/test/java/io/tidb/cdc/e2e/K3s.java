package io.tidb.cdc.e2e;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** A one-node k3s in a container, and images moved into its containerd. */
final class K3s implements AutoCloseable {
  static final String IMAGE = "rancher/k3s:v1.31.4-k3s1";

  private final K3sContainer container;
  private final KubernetesClient client;

  private K3s(K3sContainer container) {
    this.container = container;
    this.client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(container.getKubeConfigYaml()))
            .build();
  }

  static K3s start() {
    K3sContainer c = new K3sContainer(DockerImageName.parse(IMAGE));
    c.start();
    return new K3s(c);
  }

  KubernetesClient client() {
    return client;
  }

  /** Copies an image from the Docker engine into k3s's containerd (no registry needed). */
  void importImage(String image) throws IOException, InterruptedException {
    DockerClient docker = DockerClientFactory.instance().client();
    Path tar = Files.createTempFile("image-", ".tar");
    try {
      try (InputStream in = docker.saveImageCmd(image).exec()) {
        Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
      }
      String inside = "/tmp/" + tar.getFileName();
      container.copyFileToContainer(MountableFile.forHostPath(tar), inside);
      ExecResult r = container.execInContainer("ctr", "-n", "k8s.io", "images", "import", inside);
      if (r.getExitCode() != 0) {
        throw new IllegalStateException("importing " + image + " into k3s: " + r.getStderr());
      }
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  @Override
  public void close() {
    client.close();
    container.stop();
  }
}
