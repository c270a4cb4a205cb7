package io.tidb.cdc.coord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EtcdLayoutTest {
  private final EtcdLayout layout = EtcdLayout.of("prod", "cdc");
  private final ChangefeedId feed = new ChangefeedId("apps", "orders");

  @Test
  void keysFollowTheArchitecture() {
    assertThat(layout.capture("cdc-worker-0"))
        .isEqualTo("/tidb/cdc-k8s/prod.cdc/captures/cdc-worker-0");
    assertThat(layout.drain("cdc-worker-2")).isEqualTo("/tidb/cdc-k8s/prod.cdc/drain/cdc-worker-2");
    ChangefeedKeys keys = layout.changefeed(feed);
    assertThat(keys.info()).isEqualTo("/tidb/cdc-k8s/prod.cdc/changefeeds/apps/orders/info");
    assertThat(keys.maintainer())
        .isEqualTo("/tidb/cdc-k8s/prod.cdc/changefeeds/apps/orders/maintainer");
    assertThat(keys.assignment("w-1"))
        .isEqualTo("/tidb/cdc-k8s/prod.cdc/changefeeds/apps/orders/assignments/w-1");
    assertThat(keys.position(112))
        .isEqualTo("/tidb/cdc-k8s/prod.cdc/changefeeds/apps/orders/positions/112");
    assertThat(keys.progress())
        .isEqualTo("/tidb/cdc-k8s/prod.cdc/changefeeds/apps/orders/progress");
  }

  @Test
  void aKeyTellsItsChangefeed() {
    assertThat(layout.changefeedOf(layout.changefeed(feed).position(7))).contains(feed);
    assertThat(layout.changefeedOf(layout.capture("w-0"))).isEmpty();
    assertThat(layout.changefeedOf(layout.changefeedsPrefix() + "apps")).isEmpty();
    assertThat(EtcdLayout.lastSegment(layout.changefeed(feed).assignment("w-3"))).isEqualTo("w-3");
  }

  @Test
  void namesThatWouldBreakTheLayoutAreRefused() {
    assertThatThrownBy(() -> layout.capture("a/b"))
        .hasMessageContaining("capture id 'a/b' cannot be part of an etcd key");
    assertThatThrownBy(() -> new ChangefeedId("apps", ""))
        .hasMessageContaining("changefeed name ''");
    assertThatThrownBy(() -> EtcdLayout.of(null, "cdc")).hasMessageContaining("namespace 'null'");
  }
}
