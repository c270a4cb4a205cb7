package io.tidb.cdc.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.changefeed.ChangefeedSpec;
import io.tidb.cdc.crd.changefeed.SinkSpec;
import io.tidb.cdc.operator.status.EventRecorder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlShimTest {
  private static MockApiServer api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api = new MockApiServer();
    client = api.client();
  }

  @AfterAll
  static void stop() {
    client.close();
    api.close();
  }

  @Test
  void mergePatchReplacesListsInsteadOfAppending() {
    client
        .configMaps()
        .inNamespace("a")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cm")
                .withFinalizers("x", "y")
                .endMetadata()
                .withData(Map.of("k", "v", "gone", "1"))
                .build())
        .create();

    client
        .configMaps()
        .inNamespace("a")
        .withName("cm")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"finalizers\":[\"z\"]},\"data\":{\"gone\":null,\"k\":\"w\"}}");

    var cm = client.configMaps().inNamespace("a").withName("cm").get();
    assertThat(cm.getMetadata().getFinalizers()).containsExactly("z");
    assertThat(cm.getData()).containsExactly(Map.entry("k", "w"));
  }

  @Test
  void eventsAreFilteredByInvolvedObject() {
    for (String name : List.of("one", "two")) {
      client
          .v1()
          .events()
          .inNamespace("b")
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(name + ".1")
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withName(name)
                  .withKind("Changefeed")
                  .endInvolvedObject()
                  .withReason("R" + name)
                  .build())
          .create();
    }

    var events =
        client.v1().events().inNamespace("b").withField("involvedObject.name", "two").list();

    assertThat(events.getItems()).extracting(e -> e.getReason()).containsExactly("Rtwo");
  }

  @Test
  void kubectlDescribeListsTheEventsOfAResource(@TempDir Path home) throws Exception {
    assumeTrue(Kubectl.available(), "no kubectl at " + Kubectl.BINARY);
    Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");
    Changefeed cf = createChangefeed("c", "feed");
    client
        .v1()
        .events()
        .inNamespace("c")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName("feed.1")
                .endMetadata()
                .withInvolvedObject(EventRecorder.reference(cf))
                .withType("Normal")
                .withReason("SomethingHappened")
                .withMessage("it did")
                .withCount(1)
                .withFirstTimestamp(Instant.now().toString())
                .withLastTimestamp(Instant.now().toString())
                .build())
        .create();

    String out = new Kubectl(api.url(), home).run("describe", "changefeed", "feed", "-n", "c");

    assertThat(out).contains("SomethingHappened", "it did");
  }

  @Test
  void mergeFollowsRfc7386() throws Exception {
    ObjectMapper m = new ObjectMapper();
    var merged =
        KubectlShim.merge(
            m.readTree("{\"a\":{\"b\":1,\"c\":[1,2]},\"d\":1}"),
            m.readTree("{\"a\":{\"c\":[3],\"e\":true},\"d\":null}"));
    assertThat(merged).isEqualTo(m.readTree("{\"a\":{\"b\":1,\"c\":[3],\"e\":true}}"));
  }

  @Test
  void aMergePatchOfTheSpecIsANewGenerationThatWatchersSee() throws Exception {
    Changefeed cf = createChangefeed("g", "gen");
    long generation = cf.getMetadata().getGeneration();
    var modified = new LinkedBlockingQueue<Changefeed>();
    var feeds = client.resources(Changefeed.class).inNamespace("g").withName("gen");
    Watch watch =
        feeds.watch(
            new Watcher<Changefeed>() {
              @Override
              public void eventReceived(Action action, Changefeed resource) {
                if (action == Action.MODIFIED) {
                  modified.add(resource);
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
    try {
      feeds.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"state\":\"paused\"}}");
      Changefeed seen = modified.poll(10, TimeUnit.SECONDS);
      assertThat(seen).as("a watch event for the merge patch").isNotNull();
      assertThat(seen.getMetadata().getGeneration()).isEqualTo(generation + 1);
      assertThat(seen.getMetadata().getResourceVersion())
          .isNotEqualTo(cf.getMetadata().getResourceVersion());

      feeds.patch(
          PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
      Changefeed labelled = modified.poll(10, TimeUnit.SECONDS);
      assertThat(labelled).isNotNull();
      assertThat(labelled.getMetadata().getGeneration())
          .as("metadata only: the same generation")
          .isEqualTo(generation + 1);
    } finally {
      watch.close();
    }
  }

  /** A Changefeed of cluster "main" into the blackhole sink, created on the mock API server. */
  private static Changefeed createChangefeed(String namespace, String name) {
    Changefeed cf = new Changefeed();
    cf.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    cf.setSpec(
        new ChangefeedSpec(
            "main",
            null,
            null,
            null,
            null,
            new SinkSpec("blackhole://", null, null, null, null),
            null));
    return client.resource(cf).create();
  }
}
