package io.tidb.cdc.worker.encoder.canal;

import io.tidb.cdc.tidb.meta.ActionType;

/** Canal's event types for DDL, chosen per DDL action as TiCDC's {@code convertDdlEventType}. */
enum CanalEventType {
  QUERY,
  CREATE,
  RENAME,
  CINDEX,
  DINDEX,
  ALTER,
  ERASE,
  TRUNCATE;

  static CanalEventType of(ActionType action) {
    return switch (action) {
      case CREATE_TABLE -> CREATE;
      case RENAME_TABLE, RENAME_TABLES -> RENAME;
      case ADD_INDEX, ADD_FOREIGN_KEY, ADD_PRIMARY_KEY -> CINDEX;
      case DROP_INDEX, DROP_FOREIGN_KEY, DROP_PRIMARY_KEY -> DINDEX;
      case ADD_COLUMN,
          DROP_COLUMN,
          MODIFY_COLUMN,
          REBASE_AUTO_ID,
          SET_DEFAULT_VALUE,
          MODIFY_TABLE_COMMENT,
          RENAME_INDEX,
          ADD_TABLE_PARTITION,
          DROP_TABLE_PARTITION,
          MODIFY_TABLE_CHARSET_AND_COLLATE,
          TRUNCATE_TABLE_PARTITION,
          ALTER_INDEX_VISIBILITY,
          MULTI_SCHEMA_CHANGE,
          REORGANIZE_PARTITION,
          ALTER_TABLE_PARTITIONING,
          REMOVE_PARTITIONING,
          ADD_COLUMNS,
          DROP_COLUMNS ->
          ALTER;
      case DROP_TABLE -> ERASE;
      case TRUNCATE_TABLE -> TRUNCATE;
      default -> QUERY; // CREATE/DROP SCHEMA, views, sequences and the rest
    };
  }
}
