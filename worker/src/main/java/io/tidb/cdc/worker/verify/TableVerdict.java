package io.tidb.cdc.worker.verify;

import java.util.List;

/**
 * How one table downstream compares with the upstream: row counts, keys missing downstream, keys
 * only downstream, keys whose values differ, and a few examples of each for a message.
 */
public record TableVerdict(
    String table,
    long upstreamRows,
    long downstreamRows,
    long missing,
    long extra,
    long different,
    List<String> examples) {

  public TableVerdict {
    examples = List.copyOf(examples);
  }

  public boolean consistent() {
    return missing == 0 && extra == 0 && different == 0;
  }

  @Override
  public String toString() {
    return table
        + ": "
        + (consistent() ? "OK" : "MISMATCH")
        + " upstream "
        + upstreamRows
        + " rows, downstream "
        + downstreamRows
        + (consistent()
            ? ""
            : " (missing "
                + missing
                + ", extra "
                + extra
                + ", different "
                + different
                + ")"
                + (examples.isEmpty() ? "" : "; e.g. " + String.join("; ", examples)));
  }
}
