package io.tidb.cdc.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What stands in for TiDB inside k3s: the upstream simulator (PD + 3 stores + SQL) behind a Service
 * named {@code sim}, and an etcd behind {@code etcd} for the captures' coordination.
 */
final class Upstream {
  static final String ETCD_IMAGE = "quay.io/coreos/etcd:v3.5.17";

  private Upstream() {}

  static void deploy(KubernetesClient kube, String namespace) {
    apply(kube, namespace, etcd() + "\n---\n" + simulator());
  }

  static void apply(KubernetesClient kube, String namespace, String yaml) {
    List<HasMetadata> objects =
        kube.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    for (HasMetadata o : objects) {
      kube.resource(o).inNamespace(namespace).createOr(r -> r.update());
    }
  }

  private static String etcd() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: etcd, labels: {app: etcd}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: etcd}}
          template:
            metadata: {labels: {app: etcd}}
            spec:
              containers:
              - name: etcd
                image: %s
                command: [etcd, --data-dir=/tmp/etcd, --listen-client-urls=http://0.0.0.0:2379,
                          --advertise-client-urls=http://etcd:2379]
                ports: [{containerPort: 2379}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: etcd}
        spec:
          selector: {app: etcd}
          ports: [{port: 2379, targetPort: 2379}]
        """
        .formatted(ETCD_IMAGE);
  }

  private static String simulator() {
    return """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: sim, labels: {app: sim}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: sim}}
          template:
            metadata: {labels: {app: sim}}
            spec:
              containers:
              - name: sim
                image: %s
                imagePullPolicy: Never
                args: [sim, --listen-host=0.0.0.0, --advertise-host=sim, --pd-port=2379,
                       --sql-port=4000, --stores=3, --store-ports=20160,20161,20162]
                ports: [{containerPort: 2379}, {containerPort: 4000}]
                readinessProbe: {httpGet: {path: /health, port: 4000}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: sim}
        spec:
          selector: {app: sim}
          ports:
          - {name: pd, port: 2379}
          - {name: sql, port: 4000}
          - {name: store-1, port: 20160}
          - {name: store-2, port: 20161}
          - {name: store-3, port: 20162}
        """
        .formatted(Images.PRODUCT);
  }

  /** A Job that runs a deterministic workload against the simulator and exits. */
  static String workloadJob() {
    return """
        apiVersion: batch/v1
        kind: Job
        metadata: {name: workload}
        spec:
          backoffLimit: 0
          template:
            spec:
              restartPolicy: Never
              containers:
              - name: workload
                image: %s
                imagePullPolicy: Never
                args: [sim, workload, --sim=sim:4000, --tables=2, --rows=200,
                       --transactions=2000, --rate=500, --ddl-every=500]
        """
        .formatted(Images.PRODUCT);
  }
}
