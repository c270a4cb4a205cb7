package io.tidb.cdc.worker.filter;

import io.tidb.cdc.tidb.meta.ActionType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The event kinds an event filter's {@code ignore-event} may name, with TiCDC's spelling (its
 * binlog-filter event types), and the DDL action each DDL kind stands for.
 */
public enum EventType {
  ALL_DML("all dml"),
  ALL_DDL("all ddl"),
  INSERT("insert"),
  UPDATE("update"),
  DELETE("delete"),
  CREATE_DATABASE("create database", "create schema"),
  DROP_DATABASE("drop database", "drop schema"),
  MODIFY_SCHEMA_CHARSET_AND_COLLATE("modify schema charset and collate"),
  CREATE_TABLE("create table"),
  DROP_TABLE("drop table"),
  TRUNCATE_TABLE("truncate table"),
  RENAME_TABLE("rename table"),
  RECOVER_TABLE("recover table"),
  MODIFY_TABLE_COMMENT("modify table comment"),
  MODIFY_TABLE_CHARSET_AND_COLLATE("modify table charset and collate"),
  CREATE_VIEW("create view"),
  DROP_VIEW("drop view"),
  ADD_TABLE_PARTITION("add table partition"),
  DROP_TABLE_PARTITION("drop table partition"),
  TRUNCATE_TABLE_PARTITION("truncate table partition"),
  EXCHANGE_PARTITION("exchange table partition"),
  REORGANIZE_PARTITION("reorganize table partition"),
  ALTER_TABLE_PARTITIONING("alter table partitioning"),
  REMOVE_PARTITIONING("remove table partitioning"),
  ADD_COLUMN("add column"),
  DROP_COLUMN("drop column"),
  MODIFY_COLUMN("modify column"),
  SET_DEFAULT_VALUE("set default value"),
  REBASE_AUTO_ID("rebase auto id"),
  ADD_PRIMARY_KEY("add primary key"),
  DROP_PRIMARY_KEY("drop primary key"),
  CREATE_INDEX("create index"),
  DROP_INDEX("drop index"),
  RENAME_INDEX("rename index"),
  ALTER_INDEX_VISIBILITY("alter index visibility"),
  ALTER_TTL_INFO("alter ttl info"),
  ALTER_TTL_REMOVE("alter ttl remove"),
  MULTI_SCHEMA_CHANGE("multi schema change"),
  /** Every ALTER TABLE kind: column, index, partition, rename, comment, charset, TTL changes. */
  ALTER_TABLE("alter table");

  private static final Map<ActionType, EventType> BY_ACTION = new EnumMap<>(ActionType.class);

  /** The DDL actions TiCDC counts as ALTER TABLE ({@code alterTableSubType}). */
  private static final Set<ActionType> ALTER_TABLE_ACTIONS =
      EnumSet.of(
          ActionType.RENAME_TABLE,
          ActionType.RENAME_TABLES,
          ActionType.MODIFY_TABLE_COMMENT,
          ActionType.MODIFY_TABLE_CHARSET_AND_COLLATE,
          ActionType.ADD_TABLE_PARTITION,
          ActionType.DROP_TABLE_PARTITION,
          ActionType.TRUNCATE_TABLE_PARTITION,
          ActionType.EXCHANGE_TABLE_PARTITION,
          ActionType.REORGANIZE_PARTITION,
          ActionType.ALTER_TABLE_PARTITIONING,
          ActionType.REMOVE_PARTITIONING,
          ActionType.ADD_COLUMN,
          ActionType.DROP_COLUMN,
          ActionType.MODIFY_COLUMN,
          ActionType.SET_DEFAULT_VALUE,
          ActionType.REBASE_AUTO_ID,
          ActionType.ADD_PRIMARY_KEY,
          ActionType.DROP_PRIMARY_KEY,
          ActionType.ADD_INDEX,
          ActionType.DROP_INDEX,
          ActionType.RENAME_INDEX,
          ActionType.ALTER_INDEX_VISIBILITY,
          ActionType.ALTER_TTL_INFO,
          ActionType.ALTER_TTL_REMOVE,
          ActionType.MULTI_SCHEMA_CHANGE,
          ActionType.ADD_COLUMNS,
          ActionType.DROP_COLUMNS);

  static {
    // TiCDC's ddlWhiteListMap: the DDL actions it replicates, by event kind.
    BY_ACTION.put(ActionType.CREATE_SCHEMA, CREATE_DATABASE);
    BY_ACTION.put(ActionType.DROP_SCHEMA, DROP_DATABASE);
    BY_ACTION.put(ActionType.MODIFY_SCHEMA_CHARSET_AND_COLLATE, MODIFY_SCHEMA_CHARSET_AND_COLLATE);
    BY_ACTION.put(ActionType.CREATE_TABLE, CREATE_TABLE);
    BY_ACTION.put(ActionType.CREATE_TABLES, CREATE_TABLE);
    BY_ACTION.put(ActionType.DROP_TABLE, DROP_TABLE);
    BY_ACTION.put(ActionType.TRUNCATE_TABLE, TRUNCATE_TABLE);
    BY_ACTION.put(ActionType.RENAME_TABLE, RENAME_TABLE);
    BY_ACTION.put(ActionType.RENAME_TABLES, RENAME_TABLE);
    BY_ACTION.put(ActionType.RECOVER_TABLE, RECOVER_TABLE);
    BY_ACTION.put(ActionType.MODIFY_TABLE_COMMENT, MODIFY_TABLE_COMMENT);
    BY_ACTION.put(ActionType.MODIFY_TABLE_CHARSET_AND_COLLATE, MODIFY_TABLE_CHARSET_AND_COLLATE);
    BY_ACTION.put(ActionType.CREATE_VIEW, CREATE_VIEW);
    BY_ACTION.put(ActionType.DROP_VIEW, DROP_VIEW);
    BY_ACTION.put(ActionType.ADD_TABLE_PARTITION, ADD_TABLE_PARTITION);
    BY_ACTION.put(ActionType.DROP_TABLE_PARTITION, DROP_TABLE_PARTITION);
    BY_ACTION.put(ActionType.TRUNCATE_TABLE_PARTITION, TRUNCATE_TABLE_PARTITION);
    BY_ACTION.put(ActionType.EXCHANGE_TABLE_PARTITION, EXCHANGE_PARTITION);
    BY_ACTION.put(ActionType.REORGANIZE_PARTITION, REORGANIZE_PARTITION);
    BY_ACTION.put(ActionType.ALTER_TABLE_PARTITIONING, ALTER_TABLE_PARTITIONING);
    BY_ACTION.put(ActionType.REMOVE_PARTITIONING, REMOVE_PARTITIONING);
    BY_ACTION.put(ActionType.ADD_COLUMN, ADD_COLUMN);
    BY_ACTION.put(ActionType.ADD_COLUMNS, ADD_COLUMN);
    BY_ACTION.put(ActionType.DROP_COLUMN, DROP_COLUMN);
    BY_ACTION.put(ActionType.DROP_COLUMNS, DROP_COLUMN);
    BY_ACTION.put(ActionType.MODIFY_COLUMN, MODIFY_COLUMN);
    BY_ACTION.put(ActionType.SET_DEFAULT_VALUE, SET_DEFAULT_VALUE);
    BY_ACTION.put(ActionType.REBASE_AUTO_ID, REBASE_AUTO_ID);
    BY_ACTION.put(ActionType.ADD_PRIMARY_KEY, ADD_PRIMARY_KEY);
    BY_ACTION.put(ActionType.DROP_PRIMARY_KEY, DROP_PRIMARY_KEY);
    BY_ACTION.put(ActionType.ADD_INDEX, CREATE_INDEX);
    BY_ACTION.put(ActionType.DROP_INDEX, DROP_INDEX);
    BY_ACTION.put(ActionType.RENAME_INDEX, RENAME_INDEX);
    BY_ACTION.put(ActionType.ALTER_INDEX_VISIBILITY, ALTER_INDEX_VISIBILITY);
    BY_ACTION.put(ActionType.ALTER_TTL_INFO, ALTER_TTL_INFO);
    BY_ACTION.put(ActionType.ALTER_TTL_REMOVE, ALTER_TTL_REMOVE);
    BY_ACTION.put(ActionType.MULTI_SCHEMA_CHANGE, MULTI_SCHEMA_CHANGE);
  }

  private final String text;
  private final List<String> aliases;

  EventType(String text, String... aliases) {
    this.text = text;
    this.aliases = List.of(aliases);
  }

  /** The spelling in a changefeed's {@code ignore-event} list. */
  public String text() {
    return text;
  }

  public boolean isDml() {
    return this == ALL_DML || this == INSERT || this == UPDATE || this == DELETE;
  }

  /** Parses an {@code ignore-event} entry (case-insensitive, aliases accepted). */
  public static Optional<EventType> parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(e -> e.text.equals(t) || e.aliases.contains(t))
        .findFirst();
  }

  /** The DDL kind of an action, empty for actions TiCDC does not replicate. */
  public static Optional<EventType> of(ActionType action) {
    return Optional.ofNullable(BY_ACTION.get(action));
  }

  /** Whether TiCDC replicates DDL jobs of this action at all. */
  public static boolean isReplicated(ActionType action) {
    return BY_ACTION.containsKey(action);
  }

  static boolean isAlterTable(ActionType action) {
    return ALTER_TABLE_ACTIONS.contains(action);
  }

  /** Every spelling, for error messages. */
  static String allSpellings() {
    return String.join(", ", Arrays.stream(values()).map(EventType::text).toList());
  }
}
