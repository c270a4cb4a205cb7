package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.ChangefeedInfo;
import java.util.List;

/** Told about every placement written (Kubernetes events, metrics). */
@FunctionalInterface
public interface PlacementListener {
  /**
   * @param info the changefeed (its id and uid name the resource)
   * @param moves what changed hands in the write that just succeeded
   */
  void placed(ChangefeedInfo info, List<Move> moves);

  /** Tells each of {@code listeners}, in order. */
  static PlacementListener all(PlacementListener... listeners) {
    List<PlacementListener> all = List.of(listeners);
    return (info, moves) -> all.forEach(l -> l.placed(info, moves));
  }
}
