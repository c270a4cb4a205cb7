package io.tidb.cdc.crd.changefeed;

import java.util.List;

/**
 * The values a Changefeed gets for the fields its spec leaves unset. Pure functions; nothing writes
 * them back into the resource.
 */
public final class ChangefeedDefaults {
  public static final ChangefeedState STATE = ChangefeedState.RUNNING;
  public static final List<String> FILTER_RULES = List.of("*.*");
  public static final boolean CASE_SENSITIVE = false;
  public static final PartitionStrategy PARTITION = PartitionStrategy.DEFAULT;

  private ChangefeedDefaults() {}

  public static ChangefeedState state(ChangefeedSpec spec) {
    return spec.state() != null ? spec.state() : STATE;
  }

  /** The target TS, or 0 when the changefeed never finishes by itself. */
  public static long targetTs(ChangefeedSpec spec) {
    return spec.targetTs() != null ? spec.targetTs() : 0L;
  }

  public static boolean hasTarget(ChangefeedSpec spec) {
    return targetTs(spec) > 0;
  }

  public static List<String> filterRules(ChangefeedSpec spec) {
    FilterSpec filter = spec.filter();
    if (filter != null && filter.rules() != null && !filter.rules().isEmpty()) {
      return List.copyOf(filter.rules());
    }
    return FILTER_RULES;
  }

  public static boolean caseSensitive(ChangefeedSpec spec) {
    FilterSpec filter = spec.filter();
    return filter != null && filter.caseSensitive() != null
        ? filter.caseSensitive()
        : CASE_SENSITIVE;
  }

  public static PartitionStrategy partition(DispatcherRule rule) {
    return rule.partition() != null ? rule.partition() : PARTITION;
  }
}
