package io.tidb.cdc.sim.ddl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.sim.catalog.Json;
import io.tidb.cdc.sim.catalog.Meta;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.SchemaState;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * ADD COLUMN and DROP COLUMN as TiDB's {@code onAddColumn} / {@code onDropColumn}: four schema
 * states each. Rows are not rewritten: old rows read an added column as its origin default.
 */
public final class ColumnTasks {
  private ColumnTasks() {}

  /** Where an added column goes ({@code ast.ColumnPosition}). */
  public record Position(int type, String relativeColumn) {
    public static final int NONE = 0;
    public static final int FIRST = 1;
    public static final int AFTER = 2;

    public static Position end() {
      return new Position(NONE, null);
    }
  }

  /** {@code column} is public-state with ID 0; the ID is allocated in the first step. */
  public static DdlTask add(
      DBInfo db, TableInfo table, ColumnInfo column, Position pos, String query) {
    return new Add(db, table, column, pos, query);
  }

  /** Drops {@code column}; single-column indexes on it are dropped with it. */
  public static DdlTask drop(DBInfo db, TableInfo table, ColumnInfo column, String query) {
    return new Drop(db, table, column, query);
  }

  /** Column changes step through TiDB's four schema states. */
  private abstract static class Base extends ExistingTableTask {
    Base(DBInfo db, TableInfo table, String query) {
      super(db, table, query);
    }

    @Override
    public List<SchemaState> states() {
      return ADDING;
    }
  }

  private static final class Add extends Base {
    private final ColumnInfo column;
    private final Position pos;
    private long columnId;

    Add(DBInfo db, TableInfo table, ColumnInfo column, Position pos, String query) {
      super(db, table, query);
      this.column = column;
      this.pos = pos;
    }

    @Override
    public ActionType action() {
      return ActionType.ADD_COLUMN;
    }

    @Override
    public Target target() {
      ObjectNode position = Json.object();
      position.put("Tp", pos.type());
      if (pos.relativeColumn() == null) {
        position.putNull("RelativeColumn");
      } else {
        ObjectNode rel = Json.object();
        rel.set("Schema", Json.name(""));
        rel.set("Table", Json.name(""));
        rel.set("Name", Json.name(pos.relativeColumn()));
        position.set("RelativeColumn", rel);
      }
      ObjectNode args = Json.object();
      args.set("column_info", Json.tree(column));
      args.set("position", position);
      return targetWith(args);
    }

    @Override
    public Step apply(Meta meta, int step) {
      TableInfo t = meta.table(db.id(), table.id()).orElseThrow();
      SchemaState state = states().get(step);
      if (step == 0) {
        columnId = t.maxColumnId() + 1;
        ColumnInfo added =
            new ColumnInfo(
                    columnId,
                    column.name(),
                    t.columns().size(),
                    column.originDefault(),
                    column.originDefaultBit(),
                    column.defaultValue(),
                    column.defaultBit(),
                    column.defaultIsExpr(),
                    column.generatedExprString(),
                    column.generatedStored(),
                    column.dependences(),
                    column.type(),
                    column.state(),
                    column.comment(),
                    column.hidden(),
                    column.changeStateInfo(),
                    column.version())
                .withState(state);
        List<ColumnInfo> cols = new ArrayList<>(t.columns());
        cols.add(added);
        return save(meta, t.toBuilder().columns(cols).build());
      }
      ColumnInfo current = t.column(columnId).orElseThrow();
      TableInfo changed = Infos.replaceColumn(t, current.withState(state));
      if (state == SchemaState.PUBLIC) {
        changed = Infos.moveColumn(changed, current.offset(), targetOffset(changed));
      }
      return save(meta, changed);
    }

    private int targetOffset(TableInfo t) {
      return switch (pos.type()) {
        case Position.FIRST -> 0;
        case Position.AFTER -> t.column(pos.relativeColumn()).orElseThrow().offset() + 1;
        default -> t.columns().size() - 1;
      };
    }
  }

  private static final class Drop extends Base {
    private final ColumnInfo column;
    private final List<Long> indexIds = new ArrayList<>();

    Drop(DBInfo db, TableInfo table, ColumnInfo column, String query) {
      super(db, table, query);
      this.column = column;
    }

    @Override
    public ActionType action() {
      return ActionType.DROP_COLUMN;
    }

    @Override
    public Target target() {
      ObjectNode args = Json.object();
      ObjectNode col = Json.object();
      col.set("name", Json.tree(column.name()));
      args.set("column_info", col);
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
      ColumnInfo current = t.column(column.id()).orElseThrow();
      if (step == 0) {
        t = Infos.moveColumn(t, current.offset(), t.columns().size() - 1);
        current = t.column(column.id()).orElseThrow();
      }
      if (state != SchemaState.NONE) {
        TableInfo changed = Infos.replaceColumn(t, current.withState(state));
        for (IndexInfo idx : coveringIndexes(changed, current)) {
          changed = Infos.replaceIndex(changed, Infos.withState(idx, state));
        }
        return save(meta, changed);
      }
      List<ColumnInfo> cols = new ArrayList<>(t.columns());
      cols.remove(current.offset());
      List<IndexInfo> keep = new ArrayList<>();
      for (IndexInfo idx : t.indices()) {
        if (covers(idx, current)) {
          indexIds.add(idx.id());
        } else {
          keep.add(idx);
        }
      }
      TableInfo changed = t.toBuilder().columns(cols).indices(keep).build();
      ObjectNode finished = Json.object();
      ArrayNode ids = Json.array();
      indexIds.forEach(ids::add);
      finished.set("index_ids", ids);
      return save(meta, changed).withFinishedArgs(finished);
    }

    private static List<IndexInfo> coveringIndexes(TableInfo t, ColumnInfo c) {
      return t.indices().stream().filter(i -> covers(i, c)).toList();
    }

    private static boolean covers(IndexInfo idx, ColumnInfo c) {
      for (IndexColumn ic : idx.columns()) {
        if (ic.name().lower().equals(c.name().lower())) {
          return true;
        }
      }
      return false;
    }
  }
}
