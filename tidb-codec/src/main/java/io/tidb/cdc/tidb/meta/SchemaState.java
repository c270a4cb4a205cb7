package io.tidb.cdc.tidb.meta;

/** {@code model.SchemaState}: the online-DDL state of a schema element. Codes are TiDB's. */
public enum SchemaState {
  NONE(0),
  DELETE_ONLY(1),
  WRITE_ONLY(2),
  WRITE_REORGANIZATION(3),
  DELETE_REORGANIZATION(4),
  PUBLIC(5),
  REPLICA_ONLY(6),
  GLOBAL_TXN_ONLY(7);

  private final int code;

  SchemaState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The state with {@code code}; unknown codes (newer TiDB) map to {@link #NONE}. */
  public static SchemaState of(int code) {
    for (SchemaState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return NONE;
  }
}
