package io.tidb.cdc.operator.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TablePosition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSnapshotTest {
  private static final EtcdLayout LAYOUT = EtcdLayout.of("ns", "main");
  private static final ChangefeedId CF = new ChangefeedId("ns", "orders");

  private static KeyValue kv(String key, Object value, long create, long mod) {
    byte[] bytes =
        value instanceof String s
            ? s.getBytes(StandardCharsets.UTF_8)
            : CoordinationJson.encode(value);
    return new KeyValue(key, bytes, create, mod);
  }

  @Test
  void sortsKeysIntoCapturesDrainsAndChangefeeds() {
    var keys = LAYOUT.changefeed(CF);
    ClusterSnapshot s =
        ClusterSnapshot.parse(
            LAYOUT,
            List.of(
                kv(LAYOUT.capture("w-0"), new CaptureInfo("w-0", "a:1", "v", 1), 5, 5),
                kv(LAYOUT.drain("w-1"), new DrainRequest("w-1", 1, 2), 6, 6),
                kv(keys.maintainer(), "w-0", 7, 7),
                kv(keys.assignment("w-0"), new Assignment(3, List.of(2L, 1L)), 8, 9),
                kv(keys.position(2), new TablePosition(2, 10, 20, "w-0", 3), 10, 11)),
            11);

    assertThat(s.revision()).isEqualTo(11);
    assertThat(s.captures()).containsOnlyKeys("w-0");
    assertThat(s.captures().get("w-0").createRevision()).isEqualTo(5);
    assertThat(s.drains()).containsOnlyKeys("w-1");
    var cf = s.changefeed(CF);
    assertThat(cf.maintainer()).isEqualTo("w-0");
    assertThat(cf.assignments().get("w-0").value().tables()).containsExactly(1L, 2L);
    assertThat(cf.assignments().get("w-0").modRevision()).isEqualTo(9);
    assertThat(cf.positions().get(2L).value().checkpointTs()).isEqualTo(10);
    assertThat(cf.info()).isNull();
    assertThat(s.problems()).isEmpty();
  }

  @Test
  void undecodableValuesAreSkippedAndReported() {
    var keys = LAYOUT.changefeed(CF);
    ClusterSnapshot s =
        ClusterSnapshot.parse(
            LAYOUT,
            List.of(
                kv(keys.progress(), "{not json", 1, 1),
                kv(keys.positionsPrefix() + "abc", new TablePosition(1, 1, 1, null, 1), 2, 2)),
            2);

    assertThat(s.changefeed(CF).progress()).isNull();
    assertThat(s.problems()).hasSize(2);
    assertThat(s.problems().get(0)).contains(keys.progress());
    assertThat(s.problems().get(1)).contains("does not end in a table id");
  }
}
