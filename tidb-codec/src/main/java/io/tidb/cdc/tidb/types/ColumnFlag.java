package io.tidb.cdc.tidb.types;

/** Column flag bits of {@code FieldType.Flag} ({@code pkg/parser/mysql/type.go}). */
public final class ColumnFlag {
  public static final long NOT_NULL = 1L;
  public static final long PRI_KEY = 1L << 1;
  public static final long UNIQUE_KEY = 1L << 2;
  public static final long MULTIPLE_KEY = 1L << 3;
  public static final long BLOB = 1L << 4;
  public static final long UNSIGNED = 1L << 5;
  public static final long ZEROFILL = 1L << 6;
  public static final long BINARY = 1L << 7;
  public static final long ENUM = 1L << 8;
  public static final long AUTO_INCREMENT = 1L << 9;
  public static final long TIMESTAMP = 1L << 10;
  public static final long SET = 1L << 11;
  public static final long NO_DEFAULT_VALUE = 1L << 12;
  public static final long ON_UPDATE_NOW = 1L << 13;
  public static final long PART_KEY = 1L << 14;
  public static final long NUM = 1L << 15;
  public static final long GROUP = 1L << 15;
  public static final long UNIQUE = 1L << 16;
  public static final long BIN_CMP = 1L << 17;
  public static final long PARSE_TO_JSON = 1L << 18;
  public static final long IS_BOOLEAN = 1L << 19;
  public static final long PREVENT_NULL_INSERT = 1L << 20;
  public static final long ENUM_SET_AS_INT = 1L << 21;
  public static final long DROP_COLUMN_INDEX = 1L << 22;
  public static final long GENERATED_COLUMN = 1L << 23;
  public static final long UNDERSCORE_CHARSET = 1L << 24;

  private ColumnFlag() {}

  public static boolean has(long flags, long flag) {
    return (flags & flag) != 0;
  }
}
