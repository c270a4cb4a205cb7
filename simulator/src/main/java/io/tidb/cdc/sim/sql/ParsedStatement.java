package io.tidb.cdc.sim.sql;

import net.sf.jsqlparser.statement.Statement;

/** A statement classified for execution. */
sealed interface ParsedStatement {
  /** The statement text as written (recorded as a DDL job's query). */
  String text();

  record Begin(String text) implements ParsedStatement {}

  record Commit(String text) implements ParsedStatement {}

  record Rollback(String text) implements ParsedStatement {}

  record CreateDatabase(
      String text, String name, boolean ifNotExists, String charset, String collate)
      implements ParsedStatement {}

  record DropDatabase(String text, String name, boolean ifExists) implements ParsedStatement {}

  /** Anything else JSqlParser parsed. */
  record Parsed(String text, Statement statement) implements ParsedStatement {}
}
