package io.tidb.cdc.e2e.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.e2e.Repo;
import io.tidb.cdc.operator.cluster.WorkerResources;
import io.tidb.cdc.operator.kube.Kubectl;
import io.tidb.cdc.operator.kube.TestOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A deployment without a Kubernetes: the operator (in this JVM) against the fabric8 mock API server
 * driven by the real kubectl, the simulator as upstream, and {@code ticdc worker} processes
 * standing in for the StatefulSet's pods, all in namespace {@code ns} with a real etcd.
 */
final class LocalDeployment implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(40);

  private final String ns;
  private final Path dir;
  private final String etcdEndpoint;
  private final LocalUpstream upstream;
  private final TestOperator operator;
  private final List<WorkerProcess> workers = new ArrayList<>();

  private LocalDeployment(String ns, Path dir, String etcdEndpoint) throws Exception {
    this.ns = ns;
    this.dir = dir;
    this.etcdEndpoint = etcdEndpoint;
    this.upstream = new LocalUpstream();
    TestOperator started;
    try {
      started = TestOperator.start(dir.resolve("kube"));
    } catch (Exception | Error e) {
      upstream.close();
      throw e;
    }
    this.operator = started;
  }

  /**
   * Starts the upstream and the operator; workers come with {@link #startWorkers}. Skips the test
   * (an assumption) where there is no kubectl.
   */
  static LocalDeployment start(String ns, Path dir, String etcdEndpoint) throws Exception {
    assumeTrue(
        Kubectl.available(), "no kubectl at " + Kubectl.BINARY + ": kubectl-driven tests skipped");
    return new LocalDeployment(ns, dir, etcdEndpoint);
  }

  LocalUpstream upstream() {
    return upstream;
  }

  TestOperator operator() {
    return operator;
  }

  KubernetesClient client() {
    return operator.client();
  }

  Kubectl kubectl() {
    return operator.kubectl();
  }

  List<WorkerProcess> workers() {
    return List.copyOf(workers);
  }

  /** Runs kubectl in the namespace. */
  String kubectl(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("-n", ns));
    return operator.kubectl().run(all.toArray(String[]::new));
  }

  /** {@code kubectl apply} of a YAML document. */
  void apply(String yaml) throws Exception {
    Path f = Files.createTempFile(dir, "resource", ".yaml");
    Files.writeString(f, yaml);
    kubectl("apply", "--validate=false", "-f", f.toString());
  }

  /** {@code kubectl patch <kind> <name> --type=merge -p <json>}. */
  void mergePatch(String kind, String name, String json) throws Exception {
    kubectl("patch", kind, name, "--type=merge", "-p", json);
  }

  /** A TiCDCCluster on this upstream and etcd. */
  void applyCluster(String cluster, int replicas) throws Exception {
    apply(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: %s}
        spec:
          upstream: {pdAddresses: ["%s"]}
          etcd: {endpoints: ["%s"]}
          replicas: %d
          gcTtl: 10m
          drainTimeout: 20s
          worker: {sorterMemory: 64Mi}
        """
            .formatted(cluster, upstream.pdAddress(), etcdEndpoint, replicas));
  }

  /**
   * A Changefeed replicating {@code db.*} from {@code startTs} into a file sink at {@code sink}.
   */
  void applyFileChangefeed(String name, String cluster, long startTs, String db, Path sink)
      throws Exception {
    apply(
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: Changefeed
        metadata: {name: %s}
        spec:
          cluster: %s
          startTs: %d
          filter: {rules: ["%s.*"]}
          sink: {uri: "file://%s?protocol=canal-json"}
        """
            .formatted(name, cluster, startTs, db, sink));
  }

  /**
   * Waits for the operator's ConfigMap and StatefulSet of {@code cluster}, then starts one worker
   * process per replica with the cluster file a pod would mount, named as the pods would be.
   */
  List<WorkerProcess> startWorkers(String cluster, int replicas) throws Exception {
    ConfigMap config =
        await(
            "the cluster's ConfigMap",
            () ->
                client()
                    .configMaps()
                    .inNamespace(ns)
                    .withName(WorkerResources.configName(cluster))
                    .get(),
            c -> c != null);
    Path clusterFile = dir.resolve(cluster + ".yaml");
    Files.writeString(clusterFile, config.getData().get(WorkerResources.CONFIG_KEY));
    StatefulSet sts =
        await(
            "the worker StatefulSet",
            () ->
                client()
                    .apps()
                    .statefulSets()
                    .inNamespace(ns)
                    .withName(WorkerResources.workerName(cluster))
                    .get(),
            x -> x != null);
    assertThat(sts.getSpec().getReplicas()).isEqualTo(replicas);
    Path cliJar = Repo.built("cli/target/ticdc-cli.jar");
    assertThat(cliJar).as("build cli first (./mvnw -pl cli package)").exists();
    List<WorkerProcess> started = new ArrayList<>();
    for (int i = 0; i < replicas; i++) {
      WorkerProcess w =
          WorkerProcess.start(
              cliJar,
              WorkerResources.workerName(cluster) + "-" + i,
              clusterFile,
              etcdEndpoint,
              dir);
      workers.add(w);
      started.add(w);
    }
    return started;
  }

  /** The Changefeed's status as the API server holds it (null before the first write). */
  ChangefeedStatus status(String changefeed) {
    Changefeed cf = client().resources(Changefeed.class).inNamespace(ns).withName(changefeed).get();
    return cf == null ? null : cf.getStatus();
  }

  ChangefeedStatus awaitStatus(String changefeed, String what, Predicate<ChangefeedStatus> done)
      throws InterruptedException {
    return await(what, () -> status(changefeed), s -> s != null && done.test(s));
  }

  <T> T await(String what, Waiting.Probe<T> probe, Predicate<T> done) throws InterruptedException {
    return Waiting.until(what, WAIT, probe, done, this::diagnosis);
  }

  /** What a failed wait prints: kubectl describe and the end of every worker's log. */
  String diagnosis() {
    StringBuilder m = new StringBuilder();
    try {
      m.append(kubectl("describe", "cf,tcc"));
    } catch (Exception e) {
      m.append("(kubectl describe failed: ").append(e.getMessage()).append(')');
    }
    workers.forEach(w -> m.append('\n').append(w.logTail(40)));
    return m.toString();
  }

  /** The value of a top-level {@code Name: value} line of kubectl describe. */
  static String field(String describe, String name) {
    return describe
        .lines()
        .filter(l -> l.trim().startsWith(name + ":"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElseThrow(() -> new AssertionError("no '" + name + ":' in\n" + describe));
  }

  @Override
  public void close() {
    workers.forEach(WorkerProcess::close);
    operator.close();
    upstream.close();
  }
}
