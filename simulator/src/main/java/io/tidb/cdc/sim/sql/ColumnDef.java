package io.tidb.cdc.sim.sql;

import io.tidb.cdc.tidb.types.FieldType;

/**
 * A parsed column definition before it gets an ID and offset.
 *
 * @param defaultValue the DEFAULT clause as a SQL value (null for none or DEFAULT NULL)
 * @param defaultExpr {@code CURRENT_TIMESTAMP[(n)]} when the default is the current time
 * @param clustered TRUE/FALSE for an inline {@code PRIMARY KEY [NON]CLUSTERED}, else null
 */
record ColumnDef(
    String name,
    FieldType type,
    boolean hasDefault,
    Object defaultValue,
    String defaultExpr,
    boolean primaryKey,
    boolean unique,
    boolean autoIncrement,
    boolean onUpdateNow,
    String comment,
    Boolean clustered) {}
