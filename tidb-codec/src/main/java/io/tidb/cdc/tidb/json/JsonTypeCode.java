package io.tidb.cdc.tidb.json;

/** Type codes of TiDB's binary JSON ({@code pkg/types/json_constants.go}), a MySQL 5.7 subset. */
public final class JsonTypeCode {
  public static final int OBJECT = 0x01;
  public static final int ARRAY = 0x03;
  public static final int LITERAL = 0x04;
  public static final int INT64 = 0x09;
  public static final int UINT64 = 0x0a;
  public static final int FLOAT64 = 0x0b;
  public static final int STRING = 0x0c;
  public static final int OPAQUE = 0x0d;
  public static final int DATE = 0x0e;
  public static final int DATETIME = 0x0f;
  public static final int TIMESTAMP = 0x10;

  /** TIME (a duration); TiDB calls it JSONTypeCodeDuration. */
  public static final int DURATION = 0x11;

  /** Literal values stored in the byte after {@link #LITERAL}. */
  public static final int LITERAL_NULL = 0x00;

  public static final int LITERAL_TRUE = 0x01;
  public static final int LITERAL_FALSE = 0x02;

  private JsonTypeCode() {}
}
