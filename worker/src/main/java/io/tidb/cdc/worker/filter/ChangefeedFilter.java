package io.tidb.cdc.worker.filter;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A changefeed's filter, as TiCDC applies it: system schemas are never replicated; other tables by
 * the table rules ({@code *.*} when none are given); then event filters drop DML kinds, DDL kinds
 * and DDL queries for the tables they match; transactions listed by start ts are dropped; DDL
 * actions TiCDC does not replicate (sequences, placement, locks...) are dropped. Immutable.
 */
public final class ChangefeedFilter {
  /**
   * The schemas TiCDC never replicates: TiDB's system schemas and TiCDC's own ({@code tidb_cdc}).
   * Compared case-insensitively, except {@code tidb_cdc}, as TiCDC does.
   */
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of(
          "mysql",
          "sys",
          "information_schema",
          "performance_schema",
          "metrics_schema",
          "inspection_schema",
          "dm_heartbeat");

  private static final String TICDC_SCHEMA = "tidb_cdc";

  private static final Set<ActionType> SCHEMA_DDL =
      EnumSet.of(
          ActionType.CREATE_SCHEMA,
          ActionType.DROP_SCHEMA,
          ActionType.MODIFY_SCHEMA_CHARSET_AND_COLLATE,
          ActionType.RECOVER_SCHEMA);

  private final TableFilter tables;
  private final List<EventFilter> eventFilters;
  private final Set<Long> ignoredStartTs;

  /** A compiled event filter rule. */
  private record EventFilter(TableFilter matcher, Set<EventType> ignored, Pattern ignoreSql) {}

  /** The filter part of a changefeed's config. */
  public record Config(
      List<String> rules,
      CaseSensitivity caseSensitivity,
      List<EventFilterRule> eventFilters,
      List<Long> ignoreTxnStartTs) {
    public Config {
      rules = rules == null ? List.of() : List.copyOf(rules);
      Objects.requireNonNull(caseSensitivity, "caseSensitivity");
      eventFilters = eventFilters == null ? List.of() : List.copyOf(eventFilters);
      ignoreTxnStartTs = ignoreTxnStartTs == null ? List.of() : List.copyOf(ignoreTxnStartTs);
    }

    /** Just table rules, case-insensitive. */
    public static Config ofRules(List<String> rules) {
      return new Config(rules, CaseSensitivity.INSENSITIVE, List.of(), List.of());
    }
  }

  private ChangefeedFilter(TableFilter tables, List<EventFilter> eventFilters, Set<Long> ignored) {
    this.tables = tables;
    this.eventFilters = eventFilters;
    this.ignoredStartTs = ignored;
  }

  /**
   * Compiles a config.
   *
   * @throws FilterRuleException naming the rule, event filter or pattern that is invalid
   */
  public static ChangefeedFilter create(Config config) throws FilterRuleException {
    List<String> rules = config.rules().isEmpty() ? List.of("*.*") : config.rules();
    TableFilter tables = TableFilter.parse(rules, config.caseSensitivity());
    List<EventFilter> events = new ArrayList<>();
    for (int i = 0; i < config.eventFilters().size(); i++) {
      events.add(compile(config.eventFilters().get(i), i + 1, config.caseSensitivity()));
    }
    return new ChangefeedFilter(tables, List.copyOf(events), Set.copyOf(config.ignoreTxnStartTs()));
  }

  private static EventFilter compile(EventFilterRule rule, int number, CaseSensitivity cs)
      throws FilterRuleException {
    TableFilter matcher;
    try {
      matcher = TableFilter.parse(rule.matcher(), cs);
    } catch (FilterRuleException e) {
      throw FilterRuleException.inEventFilter(number, e);
    }
    Set<EventType> ignored = EnumSet.noneOf(EventType.class);
    for (String e : rule.ignoreEvent()) {
      ignored.add(
          EventType.parse(e)
              .orElseThrow(
                  () ->
                      FilterRuleException.eventFilter(
                          number,
                          "unknown ignore-event type '"
                              + e
                              + "'; supported: "
                              + EventType.allSpellings())));
    }
    Pattern sql = null;
    if (!rule.ignoreSql().isEmpty()) {
      try {
        sql = Pattern.compile(String.join("|", rule.ignoreSql()), Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw FilterRuleException.eventFilter(
            number, "invalid ignore-sql pattern " + rule.ignoreSql() + ": " + e.getDescription());
      }
    }
    return new EventFilter(matcher, ignored, sql);
  }

  /** TiDB's and TiCDC's own schemas, never replicated. */
  public static boolean isSystemSchema(String schema) {
    return SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT)) || TICDC_SCHEMA.equals(schema);
  }

  public boolean shouldIgnoreSchema(String schema) {
    return isSystemSchema(schema) || !tables.matchSchema(schema);
  }

  public boolean shouldIgnoreTable(String schema, String table) {
    return isSystemSchema(schema) || !tables.matchTable(schema, table);
  }

  /** Whether a row change is dropped. */
  public boolean shouldIgnoreDml(RowChange row) {
    if (ignoredStartTs.contains(row.startTs())
        || shouldIgnoreTable(row.schemaName(), row.tableName())) {
      return true;
    }
    for (EventFilter f : eventFilters) {
      if (f.matcher().matchTable(row.schemaName(), row.tableName())
          && ignoresDml(f.ignored(), row.type())) {
        return true;
      }
    }
    return false;
  }

  /** An UPSERT may be either an insert or an update, so it is ignored only when both are. */
  private static boolean ignoresDml(Set<EventType> ignored, RowChangeType type) {
    if (ignored.contains(EventType.ALL_DML)) {
      return true;
    }
    return switch (type) {
      case INSERT -> ignored.contains(EventType.INSERT);
      case UPDATE -> ignored.contains(EventType.UPDATE);
      case DELETE -> ignored.contains(EventType.DELETE);
      case UPSERT -> ignored.contains(EventType.INSERT) && ignored.contains(EventType.UPDATE);
    };
  }

  /** Whether a DDL is dropped (not replayed downstream; the schema storage still applies it). */
  public boolean shouldIgnoreDdl(DdlSummary ddl) {
    if (!EventType.isReplicated(ddl.action()) || ignoredStartTs.contains(ddl.startTs())) {
      return true;
    }
    boolean schemaLevel = SCHEMA_DDL.contains(ddl.action()) || ddl.table().isEmpty();
    if (schemaLevel
        ? shouldIgnoreSchema(ddl.schema())
        : shouldIgnoreTable(ddl.schema(), ddl.table())) {
      return true;
    }
    EventType kind = EventType.of(ddl.action()).orElseThrow();
    for (EventFilter f : eventFilters) {
      boolean applies =
          schemaLevel
              ? f.matcher().matchSchema(ddl.schema())
              : f.matcher().matchTable(ddl.schema(), ddl.table());
      if (applies && ignoresDdl(f, kind, ddl)) {
        return true;
      }
    }
    return false;
  }

  private static boolean ignoresDdl(EventFilter f, EventType kind, DdlSummary ddl) {
    Set<EventType> ignored = f.ignored();
    if (ignored.contains(EventType.ALL_DDL)
        || ignored.contains(kind)
        || (ignored.contains(EventType.ALTER_TABLE) && EventType.isAlterTable(ddl.action()))) {
      return true;
    }
    return f.ignoreSql() != null
        && !ddl.query().isEmpty()
        && f.ignoreSql().matcher(ddl.query()).find();
  }
}
