package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.ChangefeedInfo;
import java.util.List;

/** Told about every placement written, to emit Kubernetes events. */
@FunctionalInterface
public interface PlacementListener {
  /**
   * @param info the changefeed (its id and uid name the resource)
   * @param moves what changed hands in the write that just succeeded
   */
  void placed(ChangefeedInfo info, List<Move> moves);
}
