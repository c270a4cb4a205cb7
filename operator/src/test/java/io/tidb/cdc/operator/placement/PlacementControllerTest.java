package io.tidb.cdc.operator.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TablePosition;
import io.tidb.cdc.operator.etcd.ClusterStore.Change;
import org.junit.jupiter.api.Test;

class PlacementControllerTest {
  private static final EtcdLayout LAYOUT = EtcdLayout.of("ns", "main");

  @Test
  void onlyChangesThatCanMoveTablesTriggerAPass() {
    var keys = LAYOUT.changefeed(new ChangefeedId("ns", "cf"));
    byte[] owned = CoordinationJson.encode(new TablePosition(1, 5, 6, "w-0", 2));
    byte[] released = CoordinationJson.encode(new TablePosition(1, 5, 6, null, 2));
    byte[] progress =
        CoordinationJson.encode(new ChangefeedProgress("Normal", 1, 1, 1, 1, 1, "w-0", null, 1));

    assertThat(PlacementController.relevant(LAYOUT, new Change(LAYOUT.capture("w-0"), null)))
        .isTrue();
    assertThat(PlacementController.relevant(LAYOUT, new Change(LAYOUT.drain("w-0"), new byte[0])))
        .isTrue();
    assertThat(PlacementController.relevant(LAYOUT, new Change(keys.tables(), new byte[0])))
        .isTrue();
    assertThat(
            PlacementController.relevant(LAYOUT, new Change(keys.assignment("w-1"), new byte[0])))
        .isTrue();
    assertThat(PlacementController.relevant(LAYOUT, new Change(keys.position(1), released)))
        .isTrue();
    assertThat(PlacementController.relevant(LAYOUT, new Change(keys.position(1), owned))).isFalse();
    assertThat(PlacementController.relevant(LAYOUT, new Change(keys.progress(), progress)))
        .isFalse();
  }
}
