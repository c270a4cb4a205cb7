package io.tidb.cdc.operator.status;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.common.CdcResource;
import io.tidb.cdc.operator.placement.Move;
import io.tidb.cdc.operator.placement.MoveKind;
import io.tidb.cdc.operator.placement.PlacementListener;
import java.util.List;
import java.util.stream.Collectors;

/** One Kubernetes event per placement write, on the changefeed, listing its moves. */
public final class PlacementEvents implements PlacementListener {
  private static final int MAX_LISTED = 10;
  private final EventRecorder events;

  public PlacementEvents(EventRecorder events) {
    this.events = events;
  }

  @Override
  public void placed(ChangefeedInfo info, List<Move> moves) {
    ObjectReference ref =
        new ObjectReferenceBuilder()
            .withApiVersion(CdcResource.API_VERSION)
            .withKind(Changefeed.KIND)
            .withNamespace(info.id().namespace())
            .withName(info.id().name())
            .withUid(info.uid())
            .build();
    String listed =
        moves.stream().limit(MAX_LISTED).map(Move::toString).collect(Collectors.joining("; "));
    if (moves.size() > MAX_LISTED) {
      listed += "; and " + (moves.size() - MAX_LISTED) + " more";
    }
    boolean forced = moves.stream().anyMatch(m -> m.kind() == MoveKind.FORCED);
    events.emit(
        ref, forced ? "Warning" : "Normal", forced ? "TablesForced" : "TablesPlaced", listed);
  }
}
