package io.tidb.cdc.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Installs the operator the way a user does, with the Helm chart in helm/ticdc-operator (its CRDs
 * included), through k3s's built-in Helm controller: a {@code HelmChart} resource carrying the
 * packed chart, so the test needs no helm binary.
 */
final class OperatorInstall {
  static final String RELEASE = "ticdc-operator";

  private OperatorInstall() {}

  static void install(KubernetesClient kube, String namespace)
      throws IOException, InterruptedException {
    String chart = Base64.getEncoder().encodeToString(Files.readAllBytes(packChart()));
    String helmChart =
        """
        apiVersion: helm.cattle.io/v1
        kind: HelmChart
        metadata: {name: %s, namespace: kube-system}
        spec:
          targetNamespace: %s
          chartContent: %s
          valuesContent: |
            image: {repository: ticdc-operator, tag: e2e, pullPolicy: Never}
            replicas: 1
        """
            .formatted(RELEASE, namespace, chart);
    Upstream.apply(kube, "kube-system", helmChart);
    kube.apps()
        .deployments()
        .inNamespace(namespace)
        .withName(RELEASE)
        .waitUntilCondition(d -> d != null, 3, TimeUnit.MINUTES);
    kube.apps()
        .deployments()
        .inNamespace(namespace)
        .withName(RELEASE)
        .waitUntilReady(3, TimeUnit.MINUTES);
  }

  /** helm/ticdc-operator as a .tgz, packed with tar as `helm package` would lay it out. */
  private static Path packChart() throws IOException, InterruptedException {
    Path tgz = Files.createTempFile("ticdc-operator-", ".tgz");
    tgz.toFile().deleteOnExit();
    Process tar =
        new ProcessBuilder(
                "tar", "-czf", tgz.toString(), "-C", Repo.built("helm").toString(), RELEASE)
            .inheritIO()
            .start();
    if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
      throw new IllegalStateException("packing helm/" + RELEASE + " with tar failed");
    }
    return tgz;
  }
}
