package io.tidb.cdc.sim.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * A WHERE clause of UPDATE / DELETE as a list of equality conjunctions ({@code col = v AND ...}),
 * expanding IN lists, row constructors ({@code (a, b) IN ((1, 2), (3, 4))}) and OR into one
 * conjunction per combination. Anything else is refused: the simulator finds rows by key only.
 */
final class KeyConditions {
  private static final int MAX_COMBINATIONS = 100_000;

  private KeyConditions() {}

  /** Each map: lower-case column name to SQL value. */
  static List<Map<String, Object>> of(Expression where) {
    if (where == null) {
      throw new SqlException("UPDATE and DELETE need a WHERE clause on a primary or unique key");
    }
    return expand(where);
  }

  private static List<Map<String, Object>> expand(Expression e) {
    if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return expand(p.get(0));
    }
    if (e instanceof AndExpression and) {
      return product(expand(and.getLeftExpression()), expand(and.getRightExpression()));
    }
    if (e instanceof OrExpression or) {
      List<Map<String, Object>> out = new ArrayList<>(expand(or.getLeftExpression()));
      out.addAll(expand(or.getRightExpression()));
      return out;
    }
    if (e instanceof EqualsTo eq) {
      return equality(eq.getLeftExpression(), eq.getRightExpression());
    }
    if (e instanceof InExpression in && !in.isNot()) {
      List<Map<String, Object>> out = new ArrayList<>();
      if (!(in.getRightExpression() instanceof ExpressionList<?> list)) {
        throw new SqlException("IN needs a list of values: " + in);
      }
      for (Expression item : list) {
        out.addAll(equality(in.getLeftExpression(), item));
      }
      return out;
    }
    throw new SqlException(
        "unsupported WHERE condition '"
            + e
            + "': use equality or IN on key columns, joined by AND/OR");
  }

  private static List<Map<String, Object>> equality(Expression left, Expression right) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (left instanceof Column c) {
      m.put(Identifiers.name(c.getColumnName()), Literals.eval(right, null));
    } else if (left instanceof ExpressionList<?> cols && right instanceof ExpressionList<?> vals) {
      if (cols.size() != vals.size()) {
        throw new SqlException("row constructor sizes differ: " + left + " vs " + right);
      }
      for (int i = 0; i < cols.size(); i++) {
        if (!(cols.get(i) instanceof Column c)) {
          throw new SqlException("expected a column in " + left);
        }
        m.put(Identifiers.name(c.getColumnName()), Literals.eval(vals.get(i), null));
      }
    } else {
      throw new SqlException("unsupported comparison " + left + " = " + right);
    }
    return List.of(m);
  }

  private static List<Map<String, Object>> product(
      List<Map<String, Object>> a, List<Map<String, Object>> b) {
    if ((long) a.size() * b.size() > MAX_COMBINATIONS) {
      throw new SqlException("WHERE clause expands to more than " + MAX_COMBINATIONS + " keys");
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> x : a) {
      for (Map<String, Object> y : b) {
        Map<String, Object> m = new LinkedHashMap<>(x);
        for (Map.Entry<String, Object> e : y.entrySet()) {
          if (m.containsKey(e.getKey())
              && !java.util.Objects.deepEquals(m.get(e.getKey()), e.getValue())) {
            m = null; // col = 1 AND col = 2 matches nothing
            break;
          }
          m.put(e.getKey(), e.getValue());
        }
        if (m != null) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
