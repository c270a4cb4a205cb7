package io.tidb.cdc.worker.mounter;

import java.util.Objects;

/** How the mounter treats old values and tables without a usable key. */
public record MounterConfig(OldValues oldValues, IneligibleTables ineligibleTables) {

  /** Whether the changefeed asked TiKV for old values. */
  public enum OldValues {
    REQUESTED,
    NOT_REQUESTED
  }

  /** TiCDC's {@code force-replicate}: replicate tables without a primary or unique key. */
  public enum IneligibleTables {
    SKIP,
    REPLICATE
  }

  public MounterConfig {
    Objects.requireNonNull(oldValues, "oldValues");
    Objects.requireNonNull(ineligibleTables, "ineligibleTables");
  }

  /** TiCDC's defaults: old values on, tables without a key skipped. */
  public static MounterConfig defaults() {
    return new MounterConfig(OldValues.REQUESTED, IneligibleTables.SKIP);
  }
}
