package io.tidb.cdc.tidb.meta;

/** {@code model.PartitionType} codes. */
public final class PartitionType {
  public static final int NONE = 0;
  public static final int RANGE = 1;
  public static final int HASH = 2;
  public static final int LIST = 3;
  public static final int KEY = 4;
  public static final int SYSTEM_TIME = 5;

  private PartitionType() {}
}
