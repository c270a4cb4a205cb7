package io.tidb.cdc.operator.cluster;

import io.tidb.cdc.coord.DrainRequest;
import java.util.List;

/**
 * What a cluster reconcile does about scaling.
 *
 * @param replicas the StatefulSet's replicas now
 * @param phase where the scale-down stands
 * @param write drain requests to put (new ones)
 * @param withdraw captures whose operator-made drain request is deleted (scale-down cancelled)
 * @param draining the request shown in status ({@code status.drain}), or null
 */
public record DrainPlan(
    int replicas,
    DrainPhase phase,
    List<DrainRequest> write,
    List<String> withdraw,
    DrainRequest draining) {
  public DrainPlan {
    write = List.copyOf(write);
    withdraw = List.copyOf(withdraw);
  }
}
