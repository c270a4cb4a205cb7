package io.tidb.cdc.worker.capture;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DesiredState;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.sim.pd.GcSafePoints;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.config.TiCdcCluster;
import io.tidb.cdc.worker.standalone.SimUpstream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The test plays the operator: it writes info and assignments and reads what the captures wrote.
 */
final class CaptureFixture implements AutoCloseable {
  final Client client;
  final EtcdLayout layout;
  final ChangefeedId id;
  final ChangefeedKeys keys;
  final String endpoint;
  final Path clusterFile;
  final TiCdcCluster cluster;
  private long epoch;

  CaptureFixture(String endpoint, String clusterName, SimUpstream up, Path dir) throws Exception {
    this.endpoint = endpoint;
    this.client = Client.builder().endpoints(endpoint).build();
    this.layout = EtcdLayout.of("default", clusterName);
    this.id = new ChangefeedId("default", "cf");
    this.keys = layout.changefeed(id);
    this.clusterFile = dir.resolve("cluster.yaml");
    Files.writeString(
        clusterFile,
        """
        apiVersion: cdc.tidb.io/v1alpha1
        kind: TiCDCCluster
        metadata: {name: %s}
        spec:
          upstream: {pdAddresses: ["%s"]}
          replicas: 2
          gcTtl: 10m
          worker: {sorterMemory: 64Mi}
        """
            .formatted(clusterName, up.pdAddress()));
    this.cluster = ResourceFile.readCluster(clusterFile);
  }

  CaptureConfig config(String captureId, Path dataDir) {
    return CaptureConfig.defaults(captureId, "default", cluster, List.of(endpoint), dataDir)
        .withLeaseTtl(Duration.ofSeconds(3));
  }

  static JsonNode changefeedDoc(String clusterName, String sinkUri, long startTs) throws Exception {
    return CoordinationJson.mapper()
        .readTree(
            """
            {"apiVersion": "cdc.tidb.io/v1alpha1", "kind": "Changefeed",
             "metadata": {"name": "cf", "namespace": "default"},
             "spec": {"cluster": "%s", "startTs": %d, "sink": {"uri": "%s"}}}
            """
                .formatted(clusterName, startTs, sinkUri));
  }

  void putInfo(long generation, JsonNode doc) throws Exception {
    putInfo(generation, DesiredState.RUNNING, doc);
  }

  /** Writes info as the operator does on a spec change: a new generation and the state. */
  void putInfo(long generation, DesiredState state, JsonNode doc) throws Exception {
    put(keys.info(), new ChangefeedInfo(id, "uid-1", generation, state, doc));
  }

  /** The lease {@code captures/<id>} is held under (0 when the key is absent). */
  long leaseOf(String capture) throws Exception {
    List<KeyValue> kvs =
        client.getKVClient().get(bytes(layout.capture(capture))).get(5, TimeUnit.SECONDS).getKvs();
    return kvs.isEmpty() ? 0 : kvs.get(0).getLease();
  }

  void revoke(long lease) throws Exception {
    client.getLeaseClient().revoke(lease).get(5, TimeUnit.SECONDS);
  }

  /** The changefeed's service safe point in the simulator's PD, if registered. */
  Optional<GcSafePoints.ServiceSafePoint> gcServiceSafePoint(SimUpstream up) {
    String service = "ticdc-k8s-" + layout.cluster() + "-" + id.namespace() + "-" + id.name();
    return up.gcSafePoints().services().stream()
        .filter(s -> s.serviceId().equals(service))
        .findFirst();
  }

  /** Waits until progress (of {@code generation}) is in {@code phase} at or past {@code ts}. */
  ChangefeedProgress awaitProgress(long generation, String phase, long ts) throws Exception {
    return await(
        "progress " + phase + " of generation " + generation + " at ts >= " + ts,
        this::progress,
        p -> p.generation() == generation && p.phase().equals(phase) && p.checkpointTs() >= ts);
  }

  /** Writes an assignment with the next epoch. */
  void assign(String capture, Long... tables) throws Exception {
    put(keys.assignment(capture), new Assignment(++epoch, List.of(tables)));
  }

  void put(String key, Object value) throws Exception {
    client
        .getKVClient()
        .put(bytes(key), ByteSequence.from(CoordinationJson.encode(value)))
        .get(5, TimeUnit.SECONDS);
  }

  void delete(String key) throws Exception {
    client.getKVClient().delete(bytes(key)).get(5, TimeUnit.SECONDS);
  }

  <T> Optional<T> get(String key, Class<T> type) throws Exception {
    List<KeyValue> kvs = client.getKVClient().get(bytes(key)).get(5, TimeUnit.SECONDS).getKvs();
    return kvs.isEmpty()
        ? Optional.empty()
        : Optional.of(CoordinationJson.decode(key, kvs.get(0).getValue().getBytes(), type));
  }

  boolean exists(String key) throws Exception {
    return client
            .getKVClient()
            .get(bytes(key), GetOption.builder().withCountOnly(true).build())
            .get(5, TimeUnit.SECONDS)
            .getCount()
        > 0;
  }

  Optional<ChangefeedProgress> progress() throws Exception {
    return get(keys.progress(), ChangefeedProgress.class);
  }

  Optional<TablePosition> position(long table) throws Exception {
    return get(keys.position(table), TablePosition.class);
  }

  /** The table id of {@code db.table} in the published table list. */
  long tableId(String qualifiedName) throws Exception {
    TableList l =
        await(
            "table " + qualifiedName + " listed",
            () -> get(keys.tables(), TableList.class),
            t -> t.tables().stream().anyMatch(x -> x.name().equals(qualifiedName)));
    return l.tables().stream()
        .filter(x -> x.name().equals(qualifiedName))
        .findFirst()
        .orElseThrow()
        .id();
  }

  interface Source<T> {
    Optional<T> get() throws Exception;
  }

  static <T> T await(String what, Source<T> source, Predicate<T> done) throws Exception {
    return await(what, source, done, 30_000);
  }

  static <T> T await(String what, Source<T> source, Predicate<T> done, long timeoutMillis)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    Optional<T> last = Optional.empty();
    while (System.currentTimeMillis() < deadline) {
      last = source.get();
      if (last.isPresent() && done.test(last.get())) {
        return last.get();
      }
      Thread.sleep(timeoutMillis < 5_000 ? 10 : 100);
    }
    throw new AssertionError(what + " not reached; last " + last);
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
  }
}
