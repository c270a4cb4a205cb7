package io.tidb.cdc.operator.etcd;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import java.util.Map;

/**
 * Everything etcd holds about one changefeed at one revision.
 *
 * @param id the changefeed
 * @param info the operator's desired state, or null before the first write
 * @param maintainer the elected maintainer's capture id, or null
 * @param tables the maintainer's table list, or null before it published one
 * @param assignments per capture
 * @param positions per table id
 * @param progress the maintainer's progress report, or null
 */
public record ChangefeedSnapshot(
    ChangefeedId id,
    Versioned<ChangefeedInfo> info,
    String maintainer,
    TableList tables,
    Map<String, Versioned<Assignment>> assignments,
    Map<Long, Versioned<TablePosition>> positions,
    ChangefeedProgress progress) {
  public ChangefeedSnapshot {
    assignments = Map.copyOf(assignments);
    positions = Map.copyOf(positions);
  }

  /** A changefeed nothing is known about yet. */
  public static ChangefeedSnapshot empty(ChangefeedId id) {
    return new ChangefeedSnapshot(id, null, null, null, Map.of(), Map.of(), null);
  }
}
