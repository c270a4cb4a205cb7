/**
 * Which changes a changefeed replicates. {@link io.tidb.cdc.worker.filter.TableFilter} parses table
 * filter rules in TiDB's syntax ({@code db.tbl}, wildcards, character classes, quoted names,
 * regular expressions, {@code !} negation, last matching rule wins); {@link
 * io.tidb.cdc.worker.filter.ChangefeedFilter} adds TiCDC's rules on top: system schemas are never
 * replicated, event filters ignore DML kinds, DDL kinds or DDL queries for matching tables, and DDL
 * kinds TiCDC does not replicate are dropped.
 */
package io.tidb.cdc.worker.filter;
