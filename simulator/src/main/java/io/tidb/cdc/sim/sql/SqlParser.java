package io.tidb.cdc.sim.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * Parses one statement with JSqlParser. JSqlParser lacks MySQL's transaction keywords and the
 * charset options of CREATE DATABASE, so those are recognised first: {@code BEGIN}, {@code START
 * TRANSACTION}, {@code COMMIT}, {@code ROLLBACK}, and the trailing {@code [DEFAULT] CHARACTER SET /
 * COLLATE} of CREATE DATABASE (DATABASE is rewritten to its synonym SCHEMA for the parser).
 */
final class SqlParser {
  private static final long PARSE_TIMEOUT_MILLIS = 5_000;
  private static final Pattern BEGIN =
      Pattern.compile("(?i)(begin(\\s+work)?|start\\s+transaction(\\s+read\\s+write)?)");
  private static final Pattern COMMIT = Pattern.compile("(?i)commit(\\s+work)?");
  private static final Pattern ROLLBACK = Pattern.compile("(?i)rollback(\\s+work)?");
  private static final Pattern DATABASE_STATEMENT =
      Pattern.compile("(?is)(create|drop)\\s+(database|schema)\\s+(.*)");
  private static final Pattern DB_OPTION =
      Pattern.compile(
          "(?is)(.*?)\\s+(?:default\\s+)?(character\\s+set|charset|collate)\\s*=?\\s*([`'\"]?\\w+[`'\"]?)\\s*$");

  private SqlParser() {}

  static ParsedStatement parse(String text) {
    String t = text.trim();
    if (BEGIN.matcher(t).matches()) {
      return new ParsedStatement.Begin(t);
    }
    if (COMMIT.matcher(t).matches()) {
      return new ParsedStatement.Commit(t);
    }
    if (ROLLBACK.matcher(t).matches()) {
      return new ParsedStatement.Rollback(t);
    }
    Matcher db = DATABASE_STATEMENT.matcher(t);
    if (db.matches()) {
      return database(t, db.group(1).toLowerCase(Locale.ROOT), db.group(3));
    }
    return new ParsedStatement.Parsed(t, jsql(t));
  }

  private static ParsedStatement database(String text, String verb, String rest) {
    String charset = null;
    String collate = null;
    String head = rest.trim();
    for (Matcher m = DB_OPTION.matcher(head); m.matches(); m = DB_OPTION.matcher(head)) {
      String value = Identifiers.strip(m.group(3).replace("'", ""));
      if (m.group(2).toLowerCase(Locale.ROOT).startsWith("collate")) {
        collate = value;
      } else {
        charset = value;
      }
      head = m.group(1).trim();
    }
    Statement s = jsql(verb + " schema " + head);
    if (s instanceof CreateSchema cs) {
      return new ParsedStatement.CreateDatabase(
          text, Identifiers.strip(cs.getSchemaName()), cs.hasIfNotExists(), charset, collate);
    }
    if (s instanceof Drop d && charset == null && collate == null) {
      return new ParsedStatement.DropDatabase(
          text, Identifiers.strip(d.getName().getFullyQualifiedName()), d.isIfExists());
    }
    throw new SqlException("unsupported database statement");
  }

  private static Statement jsql(String text) {
    try {
      return CCJSqlParserUtil.parse(text, p -> p.withTimeOut(PARSE_TIMEOUT_MILLIS));
    } catch (JSQLParserException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String msg = String.valueOf(cause.getMessage());
      int nl = msg.indexOf('\n');
      String first = nl < 0 ? msg : msg.substring(0, nl);
      String where =
          msg.contains("at line") ? msg.substring(msg.indexOf("at line")).split("\n")[0] : "";
      throw new SqlException(
          "syntax error: "
              + first.replace("net.sf.jsqlparser.parser.ParseException: ", "")
              + " "
              + where,
          e);
    }
  }
}
