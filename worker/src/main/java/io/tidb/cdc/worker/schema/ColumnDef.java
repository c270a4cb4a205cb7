package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.types.FieldType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A column as the mounter and sinks see it: TiDB's column info plus its derived attributes. */
public record ColumnDef(ColumnInfo info, Set<ColumnAttr> attrs) {
  public ColumnDef {
    Objects.requireNonNull(info, "info");
    attrs =
        Collections.unmodifiableSet(
            attrs.isEmpty() ? EnumSet.noneOf(ColumnAttr.class) : EnumSet.copyOf(attrs));
  }

  public long id() {
    return info.id();
  }

  /** The name as it was written in the DDL. */
  public String name() {
    return info.name().original();
  }

  public FieldType type() {
    return info.type();
  }

  public boolean has(ColumnAttr attr) {
    return attrs.contains(attr);
  }
}
