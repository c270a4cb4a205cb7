package io.tidb.cdc.coord;

import java.util.List;

/**
 * The tables of one changefeed placed on one capture, written by the operator.
 *
 * <p>The epoch fences stale owners: every placement change writes a higher epoch, and a worker
 * writes a {@link TablePosition} only in an etcd transaction that compares the assignment key's mod
 * revision with the one it started the table under. A worker that lost a table (its lease expired,
 * the operator moved the table) therefore cannot move that table's position again.
 *
 * @param epoch the changefeed's placement epoch when this assignment was written
 * @param tables the physical table ids the capture owns, ascending
 */
public record Assignment(long epoch, List<Long> tables) {
  public Assignment {
    tables = tables.stream().sorted().distinct().toList();
  }
}
