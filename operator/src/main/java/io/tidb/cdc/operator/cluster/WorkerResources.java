package io.tidb.cdc.operator.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.tidb.cdc.crd.cluster.ClusterDefaults;
import io.tidb.cdc.crd.cluster.JvmSpec;
import io.tidb.cdc.crd.cluster.SorterVolumeSpec;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.cluster.TiCDCClusterSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects of a TiCDCCluster's workers, as pure functions of the resource: a
 * StatefulSet whose pods are the captures, its headless Service, the ConfigMap holding the cluster
 * document the workers read, a PodDisruptionBudget and a ServiceAccount. All are owned by the
 * cluster (deleted with it).
 */
public final class WorkerResources {
  public static final int HTTP_PORT = 8300;
  public static final String CONFIG_KEY = "cluster.yaml";
  public static final String CONFIG_DIR = "/etc/ticdc";
  public static final String SORTER_DIR = "/var/lib/ticdc/sorter";

  /** The non-root user of the product image (docker/ticdc/Dockerfile). */
  public static final long WORKER_UID = 10001;

  public static final String CONFIG_HASH = "cdc.tidb.io/config-hash";
  static final Duration DRAIN_MARGIN = Duration.ofSeconds(30);

  private WorkerResources() {}

  public static String workerName(String cluster) {
    return cluster + "-worker";
  }

  public static String configName(String cluster) {
    return cluster + "-config";
  }

  /** Labels of every object of the cluster, and the pod selector. */
  public static Map<String, String> labels(String cluster) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "ticdc-worker");
    labels.put("app.kubernetes.io/instance", cluster);
    labels.put("app.kubernetes.io/managed-by", "ticdc-operator");
    labels.put("cdc.tidb.io/cluster", cluster);
    return labels;
  }

  public static ServiceAccount serviceAccount(TiCDCCluster c) {
    return new ServiceAccountBuilder().withMetadata(meta(c, workerName(name(c)))).build();
  }

  /**
   * The TiCDCCluster document the workers read ({@code --cluster-file}). {@code replicas} is left
   * out: scaling must not restart the pods that stay.
   */
  public static ConfigMap config(TiCDCCluster c) {
    return new ConfigMapBuilder()
        .withMetadata(meta(c, configName(name(c))))
        .withData(Map.of(CONFIG_KEY, clusterDocument(c)))
        .build();
  }

  static String clusterDocument(TiCDCCluster c) {
    Map<String, Object> spec =
        io.tidb.cdc.coord.CoordinationJson.mapper()
            .convertValue(c.getSpec(), new TypeReference<Map<String, Object>>() {});
    spec.remove("replicas");
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", c.getApiVersion());
    doc.put("kind", c.getKind());
    doc.put("metadata", Map.of("name", name(c), "namespace", c.getMetadata().getNamespace()));
    doc.put("spec", spec);
    return Serialization.asYaml(doc);
  }

  /** Headless: each pod gets a stable DNS name, which is its capture address. */
  public static Service service(TiCDCCluster c) {
    return new ServiceBuilder()
        .withMetadata(meta(c, workerName(name(c))))
        .withNewSpec()
        .withClusterIP("None")
        .withPublishNotReadyAddresses(true)
        .withSelector(labels(name(c)))
        .addNewPort()
        .withName("http")
        .withPort(HTTP_PORT)
        .withTargetPort(new IntOrString(HTTP_PORT))
        .endPort()
        .endSpec()
        .build();
  }

  /** At most one worker away at a time: each leaving worker hands its tables to the others. */
  public static PodDisruptionBudget disruptionBudget(TiCDCCluster c) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(meta(c, workerName(name(c))))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(labels(name(c)))
        .endSelector()
        .endSpec()
        .build();
  }

  /**
   * The workers.
   *
   * @param replicas the replicas to run now (lower than the spec's while a scale-down drains)
   * @param operatorVersion names the default image
   */
  public static StatefulSet statefulSet(TiCDCCluster c, int replicas, String operatorVersion) {
    TiCDCClusterSpec spec = c.getSpec();
    String name = name(c);
    Duration drain = ClusterDefaults.drainTimeout(spec);
    boolean pvc = spec.sorterVolume() != null;
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("config")
            .withNewConfigMap()
            .withName(configName(name))
            .endConfigMap()
            .build());
    if (!pvc) {
      volumes.add(new VolumeBuilder().withName("sorter").withNewEmptyDir().endEmptyDir().build());
    }
    volumes.addAll(WorkerTls.volumes(spec));
    List<String> args =
        new ArrayList<>(
            List.of(
                "--cluster-file=$(TICDC_CLUSTER_FILE)",
                "--capture-id=$(TICDC_CAPTURE_ID)",
                "--advertise-address=$(TICDC_CAPTURE_ID)." + workerName(name) + ":" + HTTP_PORT,
                "--http-port=" + HTTP_PORT,
                "--drain-timeout=" + drain.toSeconds() + "s",
                "--data-dir=" + SORTER_DIR));
    args.addAll(WorkerTls.args(spec));
    return new StatefulSetBuilder()
        .withMetadata(meta(c, workerName(name)))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(workerName(name))
        .withPodManagementPolicy("Parallel")
        .withNewSelector()
        .withMatchLabels(labels(name))
        .endSelector()
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .endUpdateStrategy()
        .withVolumeClaimTemplates(pvc ? List.of(sorterClaim(spec.sorterVolume())) : List.of())
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels(name))
        .withAnnotations(Map.of(CONFIG_HASH, sha256(clusterDocument(c))))
        .endMetadata()
        .withNewSpec()
        .withServiceAccountName(workerName(name))
        // The worker drains itself on SIGTERM (bounded by drainTimeout); give it that long.
        .withTerminationGracePeriodSeconds(drain.plus(DRAIN_MARGIN).toSeconds())
        // The image runs as this non-root user; fsGroup makes a sorter PVC writable for it.
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(WORKER_UID)
        .withFsGroup(WORKER_UID)
        .endSecurityContext()
        .withVolumes(volumes)
        .addNewContainer()
        .withName("worker")
        .withImage(ClusterDefaults.image(spec, operatorVersion))
        .withImagePullPolicy(ClusterDefaults.imagePullPolicy(spec).value())
        .withWorkingDir("/opt/ticdc")
        .withCommand("bin/ticdc", "worker")
        .withArgs(args)
        .withEnv(env(c))
        .withResources(spec.resources())
        .addNewPort()
        .withName("http")
        .withContainerPort(HTTP_PORT)
        .endPort()
        .withLivenessProbe(probe("/healthz", 6))
        .withReadinessProbe(probe("/readyz", 3))
        // The file alone (subPath), so that the TLS Secrets can be mounted under /etc/ticdc too:
        // a mount point inside a read-only ConfigMap volume cannot be created.
        .addNewVolumeMount()
        .withName("config")
        .withMountPath(CONFIG_DIR + "/" + CONFIG_KEY)
        .withSubPath(CONFIG_KEY)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("sorter")
        .withMountPath(SORTER_DIR)
        .endVolumeMount()
        .addAllToVolumeMounts(WorkerTls.volumeMounts(spec))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static List<EnvVar> env(TiCDCCluster c) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("TICDC_CAPTURE_ID")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.name")
            .endFieldRef()
            .endValueFrom()
            .build());
    env.add(
        new EnvVarBuilder()
            .withName("POD_NAMESPACE")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endValueFrom()
            .build());
    env.add(new EnvVar("TICDC_CLUSTER_FILE", CONFIG_DIR + "/" + CONFIG_KEY, null));
    String jvm = javaOptions(c.getSpec().jvm());
    if (!jvm.isEmpty()) {
      env.add(new EnvVar("TICDC_JAVA_OPTS", jvm, null));
    }
    return env;
  }

  /** -Xmx from jvm.maxHeap (in MiB, as the JVM takes it), then the options as given. */
  static String javaOptions(JvmSpec jvm) {
    if (jvm == null) {
      return "";
    }
    List<String> opts = new ArrayList<>();
    if (jvm.maxHeap() != null) {
      BigDecimal bytes = Quantity.getAmountInBytes(jvm.maxHeap());
      long mib =
          bytes.divide(BigDecimal.valueOf(1024 * 1024), java.math.RoundingMode.DOWN).longValue();
      opts.add("-Xmx" + Math.max(mib, 1) + "m");
    }
    if (jvm.options() != null) {
      opts.addAll(jvm.options());
    }
    return String.join(" ", opts);
  }

  private static PersistentVolumeClaim sorterClaim(SorterVolumeSpec v) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName("sorter")
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(v.storageClassName())
        .withNewResources()
        .withRequests(Map.of("storage", v.size() != null ? v.size() : new Quantity("10Gi")))
        .endResources()
        .endSpec()
        .build();
  }

  private static Probe probe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(10)
        .withTimeoutSeconds(3)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  private static ObjectMeta meta(TiCDCCluster c, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(c.getMetadata().getNamespace())
        .withLabels(labels(name(c)))
        .withOwnerReferences(owner(c))
        .build();
  }

  static OwnerReference owner(TiCDCCluster c) {
    return new OwnerReferenceBuilder()
        .withApiVersion(c.getApiVersion())
        .withKind(c.getKind())
        .withName(name(c))
        .withUid(c.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static String name(TiCDCCluster c) {
    return c.getMetadata().getName();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
