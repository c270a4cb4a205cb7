package io.tidb.cdc.coord;

/**
 * The keys of one changefeed, under {@code .../changefeeds/<ns>/<name>/}:
 *
 * <pre>
 * info                    ChangefeedInfo: desired state (operator)
 * maintainer              election among the captures (etcd election API)
 * tables                  TableList: the tables to replicate (maintainer)
 * assignments/&lt;capture&gt;  Assignment: tables placed on a capture, with an epoch (operator)
 * positions/&lt;table id&gt;   TablePosition: a table's resolved and checkpoint ts (owning worker)
 * progress                ChangefeedProgress: checkpoint, barrier, phase, error (maintainer)
 * </pre>
 */
public record ChangefeedKeys(String prefix) {
  public String info() {
    return prefix + "info";
  }

  public String maintainer() {
    return prefix + "maintainer";
  }

  public String tables() {
    return prefix + "tables";
  }

  public String assignmentsPrefix() {
    return prefix + "assignments/";
  }

  public String assignment(String captureId) {
    return assignmentsPrefix() + EtcdLayout.requireSegment("capture id", captureId);
  }

  public String positionsPrefix() {
    return prefix + "positions/";
  }

  public String position(long tableId) {
    return positionsPrefix() + tableId;
  }

  public String progress() {
    return prefix + "progress";
  }
}
