package io.tidb.cdc.sim.sql;

import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;

/**
 * Reads a parsed column definition: its type (see {@link ColumnTypes}) and the options JSqlParser
 * leaves as words: NULL / NOT NULL, DEFAULT, AUTO_INCREMENT, PRIMARY KEY [NON]CLUSTERED, UNIQUE
 * [KEY], KEY, COMMENT, CHARACTER SET / CHARSET, COLLATE, BINARY, [UN]SIGNED, ZEROFILL and ON UPDATE
 * CURRENT_TIMESTAMP.
 */
final class ColumnDefinitions {
  private ColumnDefinitions() {}

  static ColumnDef read(ColumnDefinition def, Charsets.Defaults table) {
    String name = Identifiers.strip(def.getColumnName());
    ColDataType dt = def.getColDataType();
    List<String> specs =
        new ArrayList<>(def.getColumnSpecs() == null ? List.of() : def.getColumnSpecs());
    Options o = new Options();
    o.charset = dt.getCharacterSet();
    readOptions(name, specs, o);
    String dataType = dt.getDataType();
    ColumnTypes.Parsed parsed =
        ColumnTypes.parse(dataType, dt.getArgumentsStringList(), o.charset, o.collate, table);
    for (String m : parsed.modifiers()) {
      applyModifier(name, m.toLowerCase(Locale.ROOT), o);
    }
    FieldType type = parsed.type();
    if (o.binary && type.charset() != null && !"binary".equals(type.charset())) {
      type = type.withCharset(type.charset(), Charsets.binCollation(type.charset()));
    }
    long flag = type.flag();
    if (o.unsigned) {
      flag |= ColumnFlag.UNSIGNED;
    }
    if (o.zerofill) {
      flag |= ColumnFlag.ZEROFILL | ColumnFlag.UNSIGNED;
    }
    if (o.notNull || o.primaryKey) {
      flag |= ColumnFlag.NOT_NULL;
    }
    if (o.primaryKey) {
      flag |= ColumnFlag.PRI_KEY;
    }
    if (o.unique) {
      flag |= ColumnFlag.UNIQUE_KEY;
    }
    if (o.autoIncrement) {
      flag |= ColumnFlag.AUTO_INCREMENT;
    }
    if (o.onUpdateNow) {
      flag |= ColumnFlag.ON_UPDATE_NOW;
    }
    return new ColumnDef(
        name,
        type.withFlag(flag),
        o.hasDefault,
        o.defaultValue,
        o.defaultExpr,
        o.primaryKey,
        o.unique,
        o.autoIncrement,
        o.onUpdateNow,
        o.comment,
        o.clustered);
  }

  private static final class Options {
    String charset;
    String collate;
    boolean notNull;
    boolean hasDefault;
    Object defaultValue;
    String defaultExpr;
    boolean primaryKey;
    boolean unique;
    boolean autoIncrement;
    boolean onUpdateNow;
    boolean unsigned;
    boolean zerofill;
    boolean binary;
    String comment = "";
    Boolean clustered;
  }

  private static void readOptions(String column, List<String> specs, Options o) {
    int i = 0;
    while (i < specs.size()) {
      String w = specs.get(i).toLowerCase(Locale.ROOT);
      String next = i + 1 < specs.size() ? specs.get(i + 1).toLowerCase(Locale.ROOT) : "";
      switch (w) {
        case "not" -> {
          expect(column, next, "null");
          o.notNull = true;
          i += 2;
        }
        case "null" -> i++;
        case "default" -> i = readDefault(column, specs, i + 1, o);
        case "auto_increment" -> {
          o.autoIncrement = true;
          i++;
        }
        case "primary" -> {
          expect(column, next, "key");
          o.primaryKey = true;
          i += 2;
        }
        case "key" -> {
          o.primaryKey = true;
          i++;
        }
        case "clustered", "nonclustered" -> {
          o.clustered = w.equals("clustered");
          i++;
        }
        case "unique" -> {
          o.unique = true;
          i += next.equals("key") ? 2 : 1;
        }
        case "comment" -> {
          o.comment = Literals.unquote(specs.get(i + 1));
          i += 2;
        }
        case "collate" -> {
          o.collate = Identifiers.strip(specs.get(i + 1));
          i += 2;
        }
        case "charset" -> {
          o.charset = Identifiers.strip(specs.get(i + 1));
          i += 2;
        }
        case "character" -> {
          expect(column, next, "set");
          o.charset = Identifiers.strip(specs.get(i + 2));
          i += 3;
        }
        case "on" -> {
          expect(column, next, "update");
          o.onUpdateNow = true;
          i = skipCall(specs, i + 3);
        }
        default -> {
          applyModifier(column, w, o);
          i++;
        }
      }
    }
  }

  private static void applyModifier(String column, String w, Options o) {
    switch (w) {
      case "unsigned" -> o.unsigned = true;
      case "signed" -> o.unsigned = false;
      case "zerofill" -> o.zerofill = true;
      case "binary" -> o.binary = true;
      default ->
          throw new SqlException("unsupported option '" + w + "' on column '" + column + "'");
    }
  }

  private static int readDefault(String column, List<String> specs, int i, Options o) {
    if (i >= specs.size()) {
      throw new SqlException("DEFAULT without a value on column '" + column + "'");
    }
    String token = specs.get(i);
    String lower = token.toLowerCase(Locale.ROOT);
    o.hasDefault = true;
    if (lower.startsWith("current_timestamp")
        || lower.startsWith("now")
        || lower.startsWith("localtimestamp")) {
      int end = skipCall(specs, i + 1);
      String fsp = end > i + 1 ? specs.get(i + 1).replaceAll("[()\\s]", "") : "";
      o.defaultExpr =
          "CURRENT_TIMESTAMP" + (fsp.isEmpty() || fsp.equals("0") ? "" : "(" + fsp + ")");
      return end;
    }
    try {
      o.defaultValue = Literals.eval(CCJSqlParserUtil.parseExpression(token), null);
    } catch (net.sf.jsqlparser.JSQLParserException e) {
      throw new SqlException("invalid DEFAULT " + token + " on column '" + column + "'", e);
    }
    return i + 1;
  }

  /** Skips an optional parenthesised argument token such as {@code (3)} or {@code ()}. */
  private static int skipCall(List<String> specs, int i) {
    return i < specs.size() && specs.get(i).startsWith("(") ? i + 1 : i;
  }

  private static void expect(String column, String actual, String expected) {
    if (!actual.equals(expected)) {
      throw new SqlException(
          "expected '"
              + expected
              + "' but found '"
              + actual
              + "' in the definition of column '"
              + column
              + "'");
    }
  }
}
