package io.tidb.cdc.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tidb.cdc.crd.plugin.ConfigMapKeyRef;
import io.tidb.cdc.crd.plugin.PluginRuntime;
import io.tidb.cdc.crd.plugin.PluginSource;
import io.tidb.cdc.crd.plugin.RolloutPhase;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import io.tidb.cdc.crd.plugin.SinkPluginSpec;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Quarkus wiring: the three reconcilers registered and running, health and metrics served. */
@QuarkusTest
@QuarkusTestResource(MockApiServerResource.class)
class OperatorApplicationTest {
  @Inject Operator operator;
  @Inject KubernetesClient client;

  @TestHTTPResource("/q/health/ready")
  URI health;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void reconcilersRunAndEndpointsAnswer() throws Exception {
    for (String name : new String[] {"ticdccluster", "changefeed", "sinkplugin"}) {
      assertThat(operator.getRegisteredController(name)).as(name).isPresent();
    }

    SinkPlugin plugin = new SinkPlugin();
    plugin.setMetadata(new ObjectMetaBuilder().withName("mask").withNamespace("smoke").build());
    plugin.setSpec(
        new SinkPluginSpec(
            PluginRuntime.WASM,
            "1.0.0",
            new PluginSource(new ConfigMapKeyRef("code", "mask.wasm"), null, null),
            null,
            null));
    client.resource(plugin).create();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    SinkPlugin seen = null;
    while (System.nanoTime() < deadline) {
      seen = client.resources(SinkPlugin.class).inNamespace("smoke").withName("mask").get();
      if (seen.getStatus() != null) {
        break;
      }
      Thread.sleep(100);
    }
    assertThat(seen.getStatus()).isNotNull();
    assertThat(seen.getStatus().rolloutPhase()).isEqualTo(RolloutPhase.Idle);
    assertThat(seen.getStatus().activeVersion()).isEqualTo("1.0.0");

    HttpClient http = HttpClient.newHttpClient();
    var ready =
        http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    var scraped =
        http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body()).contains("jvm_memory_used_bytes");
  }
}
