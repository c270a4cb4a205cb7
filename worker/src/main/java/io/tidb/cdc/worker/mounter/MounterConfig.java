package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.worker.event.OldValueMode;
import java.util.Objects;

/** How the mounter treats old values and tables without a usable key. */
public record MounterConfig(OldValueMode oldValues, IneligibleTables ineligibleTables) {

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
    return new MounterConfig(OldValueMode.WITH_OLD_VALUE, IneligibleTables.SKIP);
  }
}
