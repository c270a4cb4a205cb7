package io.tidb.cdc.worker.mounter;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.RecordKey;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.row.RowDecoder;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import io.tidb.cdc.worker.schema.ColumnDef;
import io.tidb.cdc.worker.schema.SchemaProvider;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decodes committed raw row changes into typed row changes with the schema in force at their commit
 * ts. Stateless apart from a cache of column defaults: one instance serves many threads.
 *
 * <p>Change kinds: a put with an old value is an UPDATE; a put without one is an INSERT when old
 * values were requested, else an UPSERT. A delete carries the whole old row when it has an old
 * value, else the key columns the record key holds. Columns a stored row lacks (added later) take
 * their origin default; the int primary key of a {@code pk_is_handle} table comes from the key.
 */
public final class Mounter {
  private final SchemaProvider schemas;
  private final MounterConfig config;
  private final DefaultValues defaults = new DefaultValues();

  public Mounter(SchemaProvider schemas, MounterConfig config) {
    this.schemas = Objects.requireNonNull(schemas, "schemas");
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Mounts one change.
   *
   * @throws MountException when the key or a value does not decode for the table
   * @throws io.tidb.cdc.worker.schema.SchemaNotResolvedException when the schema at the change's
   *     commit ts is not known yet (wait for the DDL puller and retry)
   */
  public MountResult mount(RawKvEvent event) throws MountException {
    byte[] key = event.key().toByteArray();
    if (TableKeys.isIndexKey(key)) {
      return new MountResult.Skip(
          SkipReason.INDEX_KEY, "index entry of table " + TableKeys.tableId(key));
    }
    if (!TableKeys.isRecordKey(key)) {
      return new MountResult.Skip(SkipReason.NOT_A_RECORD_KEY, "key " + event.key());
    }
    long physicalId = TableKeys.tableId(key);
    // A DDL finishing at this very commit ts (async commit) did not apply to this row yet.
    SchemaSnapshot schema = schemas.schemaAt(Math.max(0, event.commitTs() - 1));
    Optional<TableDef> found = schema.physicalTable(physicalId);
    if (found.isEmpty()) {
      boolean truncated = schema.isTruncated(physicalId);
      return new MountResult.Skip(
          truncated ? SkipReason.TABLE_TRUNCATED : SkipReason.TABLE_NOT_IN_SCHEMA,
          "table id "
              + physicalId
              + (truncated ? " was truncated" : " is not in the schema")
              + " at ts "
              + schema.ts()
              + " (commit ts "
              + event.commitTs()
              + ")");
    }
    TableDef table = found.get();
    if (!table.isEligible() && config.ineligibleTables() == MounterConfig.IneligibleTables.SKIP) {
      return new MountResult.Skip(
          SkipReason.TABLE_INELIGIBLE,
          table.qualifiedName() + " has no primary key or NOT NULL unique key");
    }
    return new MountResult.Row(mountRow(event, key, physicalId, table));
  }

  private RowChange mountRow(RawKvEvent event, byte[] key, long physicalId, TableDef table)
      throws MountException {
    Handle handle;
    Map<Long, ColumnValue> keyColumns;
    try {
      RecordKey rk = TableKeys.decodeRecordKey(key);
      handle = rk.handle();
      keyColumns = KeyColumns.of(table, handle);
    } catch (IllegalArgumentException e) { // CodecException included
      throw corrupt(
          event, physicalId, table, "the record key does not decode: " + e.getMessage(), e);
    }
    boolean hasOld = !event.oldValue().isEmpty();
    if (event.op() == OpType.PUT) {
      if (event.value().isEmpty()) {
        throw corrupt(event, physicalId, table, "a put without a value", null);
      }
      List<Column> after =
          image(event, physicalId, table, event.value().toByteArray(), keyColumns, "value");
      if (hasOld) {
        List<Column> before =
            image(
                event, physicalId, table, event.oldValue().toByteArray(), keyColumns, "old value");
        return row(
            event, physicalId, table, RowChangeType.UPDATE, handle, after, before, PreImage.FULL);
      }
      RowChangeType type =
          config.oldValues() == OldValueMode.WITH_OLD_VALUE
              ? RowChangeType.INSERT
              : RowChangeType.UPSERT;
      return row(event, physicalId, table, type, handle, after, List.of(), PreImage.NONE);
    }
    if (hasOld) {
      List<Column> before =
          image(event, physicalId, table, event.oldValue().toByteArray(), keyColumns, "old value");
      return row(
          event, physicalId, table, RowChangeType.DELETE, handle, List.of(), before, PreImage.FULL);
    }
    List<Column> keyOnly = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      ColumnValue v = keyColumns.get(c.id());
      if (v != null) {
        keyOnly.add(new Column(c, v));
      }
    }
    return row(
        event,
        physicalId,
        table,
        RowChangeType.DELETE,
        handle,
        List.of(),
        keyOnly,
        PreImage.KEY_COLUMNS);
  }

  /** A full row image: stored values, then key values, then defaults for columns added later. */
  private List<Column> image(
      RawKvEvent event,
      long physicalId,
      TableDef table,
      byte[] value,
      Map<Long, ColumnValue> keyColumns,
      String what)
      throws MountException {
    Map<Long, ColumnValue> stored;
    try {
      stored = RowDecoder.decode(value, table.storedColumns()).values();
    } catch (CodecException e) {
      throw corrupt(
          event,
          physicalId,
          table,
          "the "
              + what
              + " (row format "
              + RowDecoder.formatOf(value)
              + ") does not decode: "
              + e.getMessage(),
          e);
    }
    List<Column> out = new ArrayList<>(table.columns().size());
    for (ColumnDef c : table.columns()) {
      ColumnValue v = stored.get(c.id());
      if (v == null) {
        v = keyColumns.get(c.id());
      }
      if (v == null) {
        v = defaultOf(event, physicalId, table, c);
      }
      out.add(new Column(c, v));
    }
    return out;
  }

  private ColumnValue defaultOf(RawKvEvent event, long physicalId, TableDef table, ColumnDef c)
      throws MountException {
    try {
      return defaults.of(c);
    } catch (IllegalArgumentException e) {
      throw corrupt(
          event,
          physicalId,
          table,
          "column "
              + c.name()
              + " is missing from the row and its default '"
              + c.info().originDefault()
              + "' does not fit its type: "
              + e.getMessage(),
          e);
    }
  }

  private static RowChange row(
      RawKvEvent event,
      long physicalId,
      TableDef table,
      RowChangeType type,
      Handle handle,
      List<Column> after,
      List<Column> before,
      PreImage preImage) {
    return new RowChange(
        table,
        physicalId,
        event.startTs(),
        event.commitTs(),
        type,
        handle,
        after,
        before,
        preImage);
  }

  private static MountException corrupt(
      RawKvEvent event, long physicalId, TableDef table, String what, Throwable cause) {
    return new MountException(
        "cannot mount the change of table id "
            + physicalId
            + " ("
            + table.qualifiedName()
            + ") at key "
            + event.key()
            + " (commit ts "
            + event.commitTs()
            + "): "
            + what,
        cause);
  }
}
