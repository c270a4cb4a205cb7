package io.tidb.cdc.operator.placement;

/**
 * One step of a table's move.
 *
 * @param table the physical table id
 * @param from the capture that had it (or last wrote its position), null when none
 * @param to the capture that gets it, null for a {@link MoveKind#RELEASE}
 * @param kind why
 */
public record Move(long table, String from, String to, MoveKind kind) {
  @Override
  public String toString() {
    return switch (kind) {
      case RELEASE -> "table " + table + " released by " + from;
      case PLACE -> "table " + table + " placed on " + to;
      default ->
          "table "
              + table
              + " moved "
              + (from == null ? "" : "from " + from + " ")
              + "to "
              + to
              + " ("
              + kind.name().toLowerCase(java.util.Locale.ROOT)
              + ")";
    };
  }
}
