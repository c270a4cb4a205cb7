package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.catalog.Json;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.sim.table.IndexEntry;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.KeySpan;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.row.ColumnValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ADD INDEX and DROP INDEX as TiDB's {@code onCreateIndex} / {@code onDropIndex}. The backfill of
 * existing rows runs in the write-reorganization step's transaction; callers check unique indexes
 * for duplicates before submitting (a duplicate would make TiDB roll the job back).
 */
public final class IndexTasks {
  private IndexTasks() {}

  /** {@code columns} are the indexed column names with their prefix lengths (-1: whole value). */
  public static DdlTask add(
      DBInfo db,
      TableInfo table,
      String name,
      List<IndexColumn> columns,
      boolean unique,
      String query) {
    return new Add(db, table, name, columns, unique, query);
  }

  public static DdlTask drop(DBInfo db, TableInfo table, IndexInfo index, String query) {
    return new Drop(db, table, index, query);
  }

  private static ObjectNode indexArg(String name, List<IndexColumn> columns, boolean unique) {
    ObjectNode arg = Json.object();
    if (unique) {
      arg.put("unique", true);
    }
    arg.set("index_name", Json.tree(CIStr.of(name)));
    ArrayNode parts = Json.array();
    for (IndexColumn c : columns) {
      ObjectNode col = Json.object();
      col.set("Schema", Json.name(""));
      col.set("Table", Json.name(""));
      col.set("Name", Json.tree(c.name()));
      ObjectNode part = Json.object();
      part.set("Column", col);
      part.put("Length", c.length());
      part.put("Desc", false);
      part.putNull("Expr");
      parts.add(part);
    }
    arg.set("index_part_specifications", parts);
    return arg;
  }

  private static final class Add extends ExistingTableTask {
    private final String name;
    private final List<IndexColumn> columns;
    private final boolean unique;
    private long indexId;

    Add(
        DBInfo db,
        TableInfo table,
        String name,
        List<IndexColumn> columns,
        boolean unique,
        String query) {
      super(db, table, query);
      this.name = name;
      this.columns = List.copyOf(columns);
      this.unique = unique;
    }

    @Override
    public ActionType action() {
      return ActionType.ADD_INDEX;
    }

    @Override
    public Target target() {
      return targetWith(args(false));
    }

    private ObjectNode args(boolean finished) {
      ObjectNode arg = indexArg(name, columns, unique);
      if (finished) {
        arg.put("index_id", indexId);
      }
      ObjectNode args = Json.object();
      args.set("index_args", Json.array().add(arg));
      return args;
    }

    @Override
    public List<SchemaState> states() {
      return ADDING;
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo t = meta.table(db.id(), table.id()).orElseThrow();
      SchemaState state = states().get(step);
      if (step == 0) {
        indexId = t.maxIndexId() + 1;
        List<IndexColumn> resolved = new ArrayList<>();
        for (IndexColumn c : columns) {
          int offset = t.column(c.name().original()).orElseThrow().offset();
          resolved.add(new IndexColumn(c.name(), offset, c.length()));
        }
        IndexInfo idx =
            Infos.withState(
                IndexInfo.of(
                    indexId,
                    name,
                    t.name().original(),
                    resolved,
                    unique ? IndexInfo.IndexKind.UNIQUE : IndexInfo.IndexKind.PLAIN),
                state);
        List<IndexInfo> indices = new ArrayList<>(t.indices());
        indices.add(idx);
        return save(meta, t.toBuilder().indices(indices).build());
      }
      IndexInfo idx = t.indices().stream().filter(i -> i.id() == indexId).findFirst().orElseThrow();
      TableInfo changed = Infos.replaceIndex(t, Infos.withState(idx, state));
      if (state == SchemaState.WRITE_REORGANIZATION) {
        backfill(meta.txn(), changed, idx);
      }
      Step s = save(meta, changed);
      return state == SchemaState.PUBLIC ? s.withFinishedArgs(args(true)) : s;
    }

    private static void backfill(Txn txn, TableInfo t, IndexInfo idx) {
      KeySpan span = TableKeys.recordSpan(t.id());
      for (KvStore.KvPair p :
          txn.scan(ByteString.copyFrom(span.start()), ByteString.copyFrom(span.end()))) {
        var handle = TableKeys.decodeRecordKey(p.key().toByteArray()).handle();
        Map<Long, ColumnValue> row = TableRows.decode(t, handle, p.value().toByteArray());
        IndexEntry e = TableRows.indexEntry(t, idx, row, handle);
        if (e.distinct() && txn.get(e.key()).isPresent()) {
          throw new IllegalStateException("duplicate entry for unique index " + idx.name());
        }
        txn.put(e.key(), e.value());
      }
    }
  }

  private static final class Drop extends ExistingTableTask {
    private final IndexInfo index;

    Drop(DBInfo db, TableInfo table, IndexInfo index, String query) {
      super(db, table, query);
      this.index = index;
    }

    @Override
    public ActionType action() {
      return ActionType.DROP_INDEX;
    }

    @Override
    public Target target() {
      ObjectNode arg = Json.object();
      arg.set("index_name", Json.tree(index.name()));
      ObjectNode args = Json.object();
      args.set("index_args", Json.array().add(arg));
      return targetWith(args);
    }

    @Override
    public List<SchemaState> states() {
      return DROPPING;
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo t = meta.table(db.id(), table.id()).orElseThrow();
      SchemaState state = states().get(step);
      if (state != SchemaState.NONE) {
        IndexInfo idx =
            t.indices().stream().filter(i -> i.id() == index.id()).findFirst().orElseThrow();
        return save(meta, Infos.replaceIndex(t, Infos.withState(idx, state)));
      }
      List<IndexInfo> keep = t.indices().stream().filter(i -> i.id() != index.id()).toList();
      ObjectNode arg = Json.object();
      arg.set("index_name", Json.tree(index.name()));
      arg.put("index_id", index.id());
      ObjectNode finished = Json.object();
      finished.set("index_args", Json.array().add(arg));
      return save(meta, t.toBuilder().indices(keep).build()).withFinishedArgs(finished);
    }
  }
}
