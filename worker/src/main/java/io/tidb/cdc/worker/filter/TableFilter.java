package io.tidb.cdc.worker.filter;

import io.tidb.cdc.worker.filter.FilterRuleParser.Polarity;
import io.tidb.cdc.worker.filter.FilterRuleParser.TableRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Table filter rules in TiDB's syntax (https://docs.pingcap.com/tidb/stable/table-filter): each
 * rule accepts ({@code db.tbl}) or, with {@code !}, rejects the tables it matches; the last rule
 * that matches a table decides, and a table no rule matches is rejected. Immutable.
 */
public final class TableFilter {
  private final List<TableRule> rulesLastFirst;
  private final CaseSensitivity caseSensitivity;

  private TableFilter(List<TableRule> rulesLastFirst, CaseSensitivity caseSensitivity) {
    this.rulesLastFirst = rulesLastFirst;
    this.caseSensitivity = caseSensitivity;
  }

  /**
   * Parses {@code rules} in order.
   *
   * @throws FilterRuleException naming the first rule that does not parse, and where
   */
  public static TableFilter parse(List<String> rules, CaseSensitivity caseSensitivity)
      throws FilterRuleException {
    Objects.requireNonNull(caseSensitivity, "caseSensitivity");
    List<TableRule> parsed = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      String rule = Objects.requireNonNull(rules.get(i), "rule #" + (i + 1));
      Optional<TableRule> r = FilterRuleParser.parse(rule, i + 1);
      if (r.isPresent()) {
        parsed.add(caseSensitivity == CaseSensitivity.INSENSITIVE ? r.get().lowerCased() : r.get());
      }
    }
    Collections.reverse(parsed);
    return new TableFilter(List.copyOf(parsed), caseSensitivity);
  }

  /** Whether the table is replicated. */
  public boolean matchTable(String schema, String table) {
    String s = normalize(schema);
    String t = normalize(table);
    for (TableRule r : rulesLastFirst) {
      if (r.schema().matches(s) && r.table().matches(t)) {
        return r.polarity() == Polarity.ACCEPT;
      }
    }
    return false;
  }

  /**
   * Whether anything in the schema may be replicated (so its schema-level DDL is). A rejecting rule
   * decides only when it rejects every table of the schema ({@code !db.*}).
   */
  public boolean matchSchema(String schema) {
    String s = normalize(schema);
    for (TableRule r : rulesLastFirst) {
      boolean accept = r.polarity() == Polarity.ACCEPT;
      if (r.schema().matches(s) && (accept || r.table().matchesAll())) {
        return accept;
      }
    }
    return false;
  }

  public CaseSensitivity caseSensitivity() {
    return caseSensitivity;
  }

  private String normalize(String name) {
    return caseSensitivity == CaseSensitivity.INSENSITIVE ? name.toLowerCase(Locale.ROOT) : name;
  }
}
