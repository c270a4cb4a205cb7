package io.tidb.cdc.tidb.types;

/**
 * MySQL column type codes as TiDB stores them in {@code FieldType.Tp} ({@code
 * pkg/parser/mysql/type.go}).
 */
public final class MysqlType {
  public static final int UNSPECIFIED = 0;
  public static final int TINY = 1;
  public static final int SHORT = 2;
  public static final int LONG = 3;
  public static final int FLOAT = 4;
  public static final int DOUBLE = 5;
  public static final int NULL = 6;
  public static final int TIMESTAMP = 7;
  public static final int LONGLONG = 8;
  public static final int INT24 = 9;
  public static final int DATE = 10;

  /** TIME; TiDB calls it TypeDuration. */
  public static final int DURATION = 11;

  public static final int DATETIME = 12;
  public static final int YEAR = 13;
  public static final int NEWDATE = 14;
  public static final int VARCHAR = 15;
  public static final int BIT = 16;
  public static final int TIDB_VECTOR_FLOAT32 = 0xe1;
  public static final int JSON = 0xf5;
  public static final int NEWDECIMAL = 0xf6;
  public static final int ENUM = 0xf7;
  public static final int SET = 0xf8;
  public static final int TINY_BLOB = 0xf9;
  public static final int MEDIUM_BLOB = 0xfa;
  public static final int LONG_BLOB = 0xfb;
  public static final int BLOB = 0xfc;
  public static final int VAR_STRING = 0xfd;

  /** CHAR / BINARY. */
  public static final int STRING = 0xfe;

  public static final int GEOMETRY = 0xff;

  private MysqlType() {}

  /** TINYINT, SMALLINT, MEDIUMINT, INT, BIGINT. */
  public static boolean isInteger(int tp) {
    return tp == TINY || tp == SHORT || tp == INT24 || tp == LONG || tp == LONGLONG;
  }

  /** Types whose values are byte strings: CHAR, VARCHAR, BINARY, VARBINARY, TEXT and BLOB. */
  public static boolean isString(int tp) {
    return tp == VARCHAR
        || tp == VAR_STRING
        || tp == STRING
        || tp == TINY_BLOB
        || tp == MEDIUM_BLOB
        || tp == LONG_BLOB
        || tp == BLOB;
  }

  /** DATE, DATETIME and TIMESTAMP, stored as a packed time. */
  public static boolean isTime(int tp) {
    return tp == DATE || tp == DATETIME || tp == TIMESTAMP;
  }

  /** A readable name for messages. */
  public static String name(int tp) {
    return switch (tp) {
      case UNSPECIFIED -> "unspecified";
      case TINY -> "tinyint";
      case SHORT -> "smallint";
      case LONG -> "int";
      case FLOAT -> "float";
      case DOUBLE -> "double";
      case NULL -> "null";
      case TIMESTAMP -> "timestamp";
      case LONGLONG -> "bigint";
      case INT24 -> "mediumint";
      case DATE -> "date";
      case DURATION -> "time";
      case DATETIME -> "datetime";
      case YEAR -> "year";
      case NEWDATE -> "newdate";
      case VARCHAR -> "varchar";
      case BIT -> "bit";
      case TIDB_VECTOR_FLOAT32 -> "vector";
      case JSON -> "json";
      case NEWDECIMAL -> "decimal";
      case ENUM -> "enum";
      case SET -> "set";
      case TINY_BLOB -> "tinyblob";
      case MEDIUM_BLOB -> "mediumblob";
      case LONG_BLOB -> "longblob";
      case BLOB -> "blob";
      case VAR_STRING -> "varstring";
      case STRING -> "char";
      case GEOMETRY -> "geometry";
      default -> "type " + tp;
    };
  }
}
