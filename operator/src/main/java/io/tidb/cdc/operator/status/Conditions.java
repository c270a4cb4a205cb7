package io.tidb.cdc.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds Kubernetes conditions, keeping a condition's transition time while its status holds. */
public final class Conditions {
  private Conditions() {}

  public static List<Condition> merge(
      List<Condition> previous, List<ConditionSpec> desired, long generation, Instant now) {
    List<Condition> out = new ArrayList<>(desired.size());
    for (ConditionSpec d : desired) {
      String status = d.status() ? "True" : "False";
      String since = now.toString();
      if (previous != null) {
        for (Condition p : previous) {
          if (p.getType().equals(d.type()) && status.equals(p.getStatus())) {
            since = p.getLastTransitionTime();
          }
        }
      }
      out.add(
          new ConditionBuilder()
              .withType(d.type())
              .withStatus(status)
              .withReason(d.reason())
              .withMessage(d.message())
              .withObservedGeneration(generation)
              .withLastTransitionTime(since)
              .build());
    }
    return out;
  }

  /** The condition of the given type, or null. */
  public static Condition find(List<Condition> conditions, String type) {
    if (conditions == null) {
      return null;
    }
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
  }
}
