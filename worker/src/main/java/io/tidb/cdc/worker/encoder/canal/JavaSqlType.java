package io.tidb.cdc.worker.encoder.canal;

/** The {@code java.sql.Types} codes canal-json's {@code sqlType} holds. */
final class JavaSqlType {
  static final int BIT = -7;
  static final int TINYINT = -6;
  static final int SMALLINT = 5;
  static final int INTEGER = 4;
  static final int BIGINT = -5;
  static final int REAL = 7;
  static final int DOUBLE = 8;
  static final int DECIMAL = 3;
  static final int CHAR = 1;
  static final int VARCHAR = 12;
  static final int DATE = 91;
  static final int TIME = 92;
  static final int TIMESTAMP = 93;
  static final int BINARY = -2;
  static final int NULL = 0;
  static final int BLOB = 2004;
  static final int CLOB = 2005;

  private JavaSqlType() {}
}
