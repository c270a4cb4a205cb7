package io.tidb.cdc.operator.cluster;

import io.tidb.cdc.coord.DrainRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides a scale-down: the StatefulSet keeps its replicas until the pods that will go (the highest
 * ordinals) have handed their tables to the others, or the drain timeout passed. Pure.
 */
public final class DrainPlanner {
  private DrainPlanner() {}

  /**
   * @param workerName the StatefulSet's name; its pods (captures) are {@code <name>-<ordinal>}
   * @param wanted spec.replicas (defaulted)
   * @param current the StatefulSet's replicas, or null when it does not exist yet
   * @param tablesPerCapture tables assigned to each capture over all changefeeds
   * @param live live capture ids
   * @param drains current drain requests by capture id
   * @param requestedByOperator captures the operator itself asked to drain (only those are
   *     withdrawn when a scale-down is cancelled; a worker's own request on SIGTERM is its
   *     business)
   */
  public static DrainPlan plan(
      String workerName,
      int wanted,
      Integer current,
      Map<String, Integer> tablesPerCapture,
      Set<String> live,
      Map<String, DrainRequest> drains,
      Set<String> requestedByOperator,
      long nowMillis,
      Duration drainTimeout) {
    if (current == null || wanted >= current) {
      List<String> withdraw = new ArrayList<>();
      for (String capture : requestedByOperator) {
        if (drains.containsKey(capture) && ordinal(workerName, capture) < wanted) {
          withdraw.add(capture);
        }
      }
      return new DrainPlan(wanted, DrainPhase.NONE, List.of(), withdraw, null);
    }
    List<DrainRequest> write = new ArrayList<>();
    DrainRequest shown = null;
    boolean allDone = true;
    boolean timedOut = false;
    for (int ordinal = current - 1; ordinal >= wanted; ordinal--) {
      String capture = workerName + "-" + ordinal;
      DrainRequest request = drains.get(capture);
      if (request == null) {
        request = new DrainRequest(capture, nowMillis, nowMillis + drainTimeout.toMillis());
        write.add(request);
      }
      boolean empty = !live.contains(capture) || tablesPerCapture.getOrDefault(capture, 0) == 0;
      boolean expired = nowMillis >= request.deadlineMillis();
      if (!empty && !expired) {
        allDone = false;
        if (shown == null) {
          shown = request;
        }
      }
      timedOut |= !empty && expired;
    }
    if (allDone && write.isEmpty()) {
      return new DrainPlan(
          wanted, timedOut ? DrainPhase.TIMED_OUT : DrainPhase.DRAINED, write, List.of(), null);
    }
    if (shown == null) {
      shown = write.isEmpty() ? null : write.get(0);
    }
    return new DrainPlan(current, DrainPhase.DRAINING, write, List.of(), shown);
  }

  static int ordinal(String workerName, String capture) {
    if (!capture.startsWith(workerName + "-")) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(capture.substring(workerName.length() + 1));
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }
}
