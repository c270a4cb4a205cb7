package io.tidb.cdc.sim.sql;

import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL type names to TiDB field types, with TiDB's defaults: display lengths from {@code
 * mysql.GetDefaultFieldLengthAndDecimal}, {@code binary} charset for non-string types, the table's
 * charset and collation for strings, and TEXT(n)/BLOB(n) resized like {@code adjustBlobTypesFlen}.
 */
final class ColumnTypes {
  /**
   * TiDB writes 4294967295 as the length of LONGTEXT/LONGBLOB/JSON; the meta model's {@code
   * FieldType.flen} is a Java int, so the simulator writes -1 (unspecified) there instead.
   */
  static final int LONG_LENGTH = -1;

  private static final Pattern TYPE =
      Pattern.compile("([a-z]+(?: precision| varying)?)\\s*(?:\\(\\s*([^)]*)\\))?\\s*(.*)");

  private ColumnTypes() {}

  /** A column type plus the modifiers written after it ({@code unsigned}, {@code zerofill}). */
  record Parsed(FieldType type, List<String> modifiers) {}

  /**
   * @param dataType JSqlParser's data type text, e.g. {@code varchar (20)}, {@code int unsigned}
   * @param args ENUM/SET members or TEXT(n)/YEAR(n) arguments JSqlParser keeps apart
   * @param charset the column charset, or null for the table's
   * @param collate the column collation, or null for the charset's default
   */
  static Parsed parse(
      String dataType, List<String> args, String charset, String collate, Charsets.Defaults table) {
    Matcher m = TYPE.matcher(dataType.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new SqlException("unsupported column type '" + dataType + "'");
    }
    String name = m.group(1);
    List<String> params = new ArrayList<>();
    if (m.group(2) != null) {
      for (String p : m.group(2).split(",")) {
        params.add(p.trim());
      }
    } else if (args != null && !isEnumOrSet(name)) {
      params.addAll(args);
    }
    List<String> modifiers = new ArrayList<>();
    for (String w : m.group(3).split("\\s+")) {
      if (!w.isEmpty()) {
        modifiers.add(w);
      }
    }
    return new Parsed(build(name, params, args, charset, collate, table), modifiers);
  }

  private static boolean isEnumOrSet(String name) {
    return name.equals("enum") || name.equals("set");
  }

  private static FieldType build(
      String name,
      List<String> params,
      List<String> args,
      String charset,
      String collate,
      Charsets.Defaults table) {
    return switch (name) {
      case "tinyint", "bool", "boolean" ->
          integer(MysqlType.TINY, name.startsWith("bool") ? List.of("1") : params, 4);
      case "smallint" -> integer(MysqlType.SHORT, params, 6);
      case "mediumint", "middleint" -> integer(MysqlType.INT24, params, 9);
      case "int", "integer" -> integer(MysqlType.LONG, params, 11);
      case "bigint" -> integer(MysqlType.LONGLONG, params, 20);
      case "float" -> floating(params);
      case "double", "double precision", "real" ->
          numeric(MysqlType.DOUBLE, params, 22, FieldType.UNSPECIFIED_LENGTH);
      case "decimal", "numeric", "dec", "fixed" -> numeric(MysqlType.NEWDECIMAL, params, 10, 0);
      case "date" -> FieldType.of(MysqlType.DATE).withLength(10, 0);
      case "datetime", "timestamp", "time" -> temporal(name, params);
      case "year" ->
          FieldType.of(MysqlType.YEAR)
              .withLength(4, 0)
              .withFlag(ColumnFlag.UNSIGNED | ColumnFlag.ZEROFILL);
      case "bit" ->
          FieldType.of(MysqlType.BIT)
              .withLength(length(params, 1), 0)
              .withFlag(ColumnFlag.UNSIGNED);
      case "json" ->
          FieldType.of(MysqlType.JSON).withLength(LONG_LENGTH, 0).withFlag(ColumnFlag.BINARY);
      case "char", "character" ->
          text(MysqlType.STRING, length(params, 1), charset, collate, table);
      case "varchar", "character varying" ->
          text(MysqlType.VARCHAR, requiredLength(name, params), charset, collate, table);
      case "binary" -> binary(MysqlType.STRING, length(params, 1));
      case "varbinary" -> binary(MysqlType.VARCHAR, requiredLength(name, params));
      case "tinytext" -> text(MysqlType.TINY_BLOB, 255, charset, collate, table);
      case "text" -> sizedText(params, charset, collate, table);
      case "mediumtext" -> text(MysqlType.MEDIUM_BLOB, 16_777_215, charset, collate, table);
      case "longtext" -> text(MysqlType.LONG_BLOB, LONG_LENGTH, charset, collate, table);
      case "tinyblob" -> binary(MysqlType.TINY_BLOB, 255);
      case "blob" -> sizedBlob(params);
      case "mediumblob" -> binary(MysqlType.MEDIUM_BLOB, 16_777_215);
      case "longblob" -> binary(MysqlType.LONG_BLOB, LONG_LENGTH);
      case "enum", "set" -> members(name, args, charset, collate, table);
      default -> throw new SqlException("unsupported column type '" + name + "'");
    };
  }

  private static FieldType integer(int tp, List<String> params, int defaultLength) {
    return FieldType.of(tp).withLength(length(params, defaultLength), 0);
  }

  private static FieldType floating(List<String> params) {
    if (params.size() == 1) {
      int p = Integer.parseInt(params.get(0));
      return p > 24
          ? FieldType.of(MysqlType.DOUBLE).withLength(22, FieldType.UNSPECIFIED_LENGTH)
          : FieldType.of(MysqlType.FLOAT).withLength(12, FieldType.UNSPECIFIED_LENGTH);
    }
    return numeric(MysqlType.FLOAT, params, 12, FieldType.UNSPECIFIED_LENGTH);
  }

  private static FieldType numeric(int tp, List<String> params, int flen, int decimal) {
    int f = params.isEmpty() ? flen : Integer.parseInt(params.get(0));
    int d = params.size() > 1 ? Integer.parseInt(params.get(1)) : (params.isEmpty() ? decimal : 0);
    if (tp == MysqlType.NEWDECIMAL && (f < 1 || f > 65 || d > 30 || d > f)) {
      throw new SqlException(
          "invalid DECIMAL(" + f + "," + d + "): precision 1..65, scale 0..30 and <= precision");
    }
    return FieldType.of(tp).withLength(f, d);
  }

  private static FieldType temporal(String name, List<String> params) {
    int fsp = params.isEmpty() ? 0 : Integer.parseInt(params.get(0));
    if (fsp < 0 || fsp > 6) {
      throw new SqlException("fractional seconds precision " + fsp + " is outside 0..6");
    }
    int tp =
        switch (name) {
          case "datetime" -> MysqlType.DATETIME;
          case "timestamp" -> MysqlType.TIMESTAMP;
          default -> MysqlType.DURATION;
        };
    int base = tp == MysqlType.DURATION ? 10 : 19;
    return FieldType.of(tp).withLength(base + (fsp > 0 ? fsp + 1 : 0), fsp);
  }

  private static FieldType text(
      int tp, int flen, String charset, String collate, Charsets.Defaults table) {
    Charsets.Resolved cs = Charsets.resolve(charset, collate, table);
    if (cs.isBinary()) {
      return binary(tp, flen);
    }
    return FieldType.of(tp).withLength(flen, 0).withCharset(cs.charset(), cs.collate());
  }

  private static FieldType binary(int tp, int flen) {
    return FieldType.of(tp).withLength(flen, 0).withFlag(ColumnFlag.BINARY);
  }

  /** TEXT(n): the smallest TEXT type holding n characters of the charset. */
  private static FieldType sizedText(
      List<String> params, String charset, String collate, Charsets.Defaults table) {
    if (params.isEmpty()) {
      return text(MysqlType.BLOB, 65_535, charset, collate, table);
    }
    int n = Integer.parseInt(params.get(0));
    Charsets.Resolved cs = Charsets.resolve(charset, collate, table);
    return text(blobTypeFor((long) n * cs.maxBytesPerChar()), n, charset, collate, table);
  }

  private static FieldType sizedBlob(List<String> params) {
    if (params.isEmpty()) {
      return binary(MysqlType.BLOB, 65_535);
    }
    int n = Integer.parseInt(params.get(0));
    return binary(blobTypeFor(n), n);
  }

  private static int blobTypeFor(long bytes) {
    if (bytes <= 255) {
      return MysqlType.TINY_BLOB;
    } else if (bytes <= 65_535) {
      return MysqlType.BLOB;
    } else if (bytes <= 16_777_215) {
      return MysqlType.MEDIUM_BLOB;
    }
    return MysqlType.LONG_BLOB;
  }

  private static FieldType members(
      String name, List<String> args, String charset, String collate, Charsets.Defaults table) {
    if (args == null || args.isEmpty()) {
      throw new SqlException(name.toUpperCase(Locale.ROOT) + " needs at least one member");
    }
    List<String> elems = new ArrayList<>();
    for (String a : args) {
      elems.add(Literals.unquote(a.trim()));
    }
    int flen;
    if (name.equals("enum")) {
      flen = elems.stream().mapToInt(String::length).max().orElse(0);
    } else {
      flen = elems.stream().mapToInt(String::length).sum() + elems.size() - 1;
      if (elems.size() > 64) {
        throw new SqlException("a SET can have at most 64 members");
      }
    }
    Charsets.Resolved cs = Charsets.resolve(charset, collate, table);
    int tp = name.equals("enum") ? MysqlType.ENUM : MysqlType.SET;
    return FieldType.of(tp)
        .withLength(flen, 0)
        .withCharset(cs.charset(), cs.collate())
        .withElems(elems);
  }

  private static int length(List<String> params, int defaultLength) {
    return params.isEmpty() ? defaultLength : Integer.parseInt(params.get(0));
  }

  private static int requiredLength(String name, List<String> params) {
    if (params.isEmpty()) {
      throw new SqlException(
          name.toUpperCase(Locale.ROOT) + " needs a length, e.g. " + name + "(255)");
    }
    return Integer.parseInt(params.get(0));
  }
}
