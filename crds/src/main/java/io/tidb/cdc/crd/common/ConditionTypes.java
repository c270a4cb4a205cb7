package io.tidb.cdc.crd.common;

/**
 * Condition types written into {@code status.conditions} of every resource (as {@link
 * io.fabric8.kubernetes.api.model.Condition}).
 */
public final class ConditionTypes {
  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";

  private ConditionTypes() {}
}
