package io.tidb.cdc.coord;

import java.util.List;

/**
 * The tables a changefeed replicates, published by its maintainer for the operator to place.
 *
 * @param schemaTs the ts of the schema the list was computed from
 * @param tables physical tables in id order
 */
public record TableList(long schemaTs, List<Table> tables) {
  public TableList {
    tables = List.copyOf(tables);
  }

  /** A physical table (a partition, or an unpartitioned table) and its qualified name. */
  public record Table(long id, String name) {}
}
