package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.catalog.InfoSchema;
import io.tidb.cdc.sim.catalog.SystemTables;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.statement.upsert.Upsert;
import net.sf.jsqlparser.statement.upsert.UpsertType;

/**
 * INSERT [INTO] ... VALUES (multi-row), REPLACE ... VALUES, UPDATE ... SET ... WHERE key and DELETE
 * FROM ... WHERE key, translated to {@link DmlExecutor} calls. Other forms (INSERT ... SELECT, ON
 * DUPLICATE KEY UPDATE, IGNORE, joins, ORDER BY/LIMIT) are refused.
 */
final class DmlStatements {
  private DmlStatements() {}

  static boolean isDml(Statement s) {
    return s instanceof Insert || s instanceof Upsert || s instanceof Update || s instanceof Delete;
  }

  /** Runs the statement in {@code txn}; returns the rows affected. */
  static int execute(Statement s, Txn txn, InfoSchema schema, String currentDb, DmlExecutor exec) {
    if (s instanceof Insert ins) {
      if (ins.getSelect() != null && ins.getValues() == null
          || (ins.getDuplicateUpdateSets() != null && !ins.getDuplicateUpdateSets().isEmpty())
          || ins.isModifierIgnore()
          || (ins.getSetUpdateSets() != null && !ins.getSetUpdateSets().isEmpty())) {
        throw new SqlException(
            "only INSERT ... VALUES is supported (no SELECT, SET, IGNORE or ON DUPLICATE KEY UPDATE)");
      }
      Target t = target(schema, ins.getTable(), currentDb);
      return exec.insert(
          txn, t.db().id(), t.table(), columns(ins.getColumns()), rows(ins.getValues()), false);
    }
    if (s instanceof Upsert up) {
      if (up.getUpsertType() != UpsertType.REPLACE || up.getValues() == null) {
        throw new SqlException("only REPLACE ... VALUES is supported");
      }
      Target t = target(schema, up.getTable(), currentDb);
      return exec.insert(
          txn, t.db().id(), t.table(), columns(up.getColumns()), rows(up.getValues()), true);
    }
    if (s instanceof Update u) {
      if (u.getJoins() != null && !u.getJoins().isEmpty()
          || u.getLimit() != null
          || u.getOrderByElements() != null
          || u.getFromItem() != null) {
        throw new SqlException("UPDATE with joins, FROM, ORDER BY or LIMIT is not supported");
      }
      Target t = target(schema, u.getTable(), currentDb);
      Map<String, DmlExecutor.ValueSource> sets = new LinkedHashMap<>();
      for (UpdateSet us : u.getUpdateSets()) {
        if (us.getColumns().size() != us.getValues().size()) {
          throw new SqlException("SET column and value counts differ in '" + us + "'");
        }
        for (int i = 0; i < us.getColumns().size(); i++) {
          Expression value = us.getValues().get(i);
          String col = Identifiers.name(us.getColumns().get(i).getColumnName());
          DmlExecutor.column(t.table(), col);
          sets.put(col, row -> Literals.eval(value, row));
        }
      }
      return exec.update(txn, t.db().id(), t.table(), KeyConditions.of(u.getWhere()), sets);
    }
    Delete d = (Delete) s;
    if (d.getJoins() != null && !d.getJoins().isEmpty()
        || d.getLimit() != null
        || d.getOrderByElements() != null
        || d.getTables() != null && !d.getTables().isEmpty()) {
      throw new SqlException(
          "DELETE with joins, several tables, ORDER BY or LIMIT is not supported");
    }
    Target t = target(schema, d.getTable(), currentDb);
    return exec.delete(txn, t.table(), KeyConditions.of(d.getWhere()));
  }

  record Target(DBInfo db, TableInfo table) {}

  static Target target(InfoSchema schema, Table ref, String currentDb) {
    DBInfo db = DdlPlanner.database(schema, ref, currentDb);
    if (db.name().lower().equals(SystemTables.SYSTEM_DB)) {
      throw new SqlException("the simulator does not write to the system database 'mysql'");
    }
    return new Target(db, DdlPlanner.table(schema, db, ref));
  }

  private static List<String> columns(ExpressionList<Column> cols) {
    if (cols == null || cols.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Column c : cols) {
      out.add(Identifiers.strip(c.getColumnName()));
    }
    return out;
  }

  private static List<List<Object>> rows(Values values) {
    ExpressionList<?> list = values.getExpressions();
    List<List<Object>> out = new ArrayList<>();
    boolean multi =
        !list.isEmpty() && list.stream().allMatch(e -> e instanceof ParenthesedExpressionList<?>);
    if (multi) {
      for (Expression row : list) {
        out.add(eval((ExpressionList<?>) row));
      }
    } else {
      out.add(eval(list));
    }
    return out;
  }

  private static List<Object> eval(ExpressionList<?> row) {
    List<Object> out = new ArrayList<>(row.size());
    for (Expression e : row) {
      out.add(Literals.eval(e, null));
    }
    return out;
  }
}
