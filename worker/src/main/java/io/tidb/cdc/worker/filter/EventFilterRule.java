package io.tidb.cdc.worker.filter;

import java.util.List;

/**
 * One {@code event-filters} entry of a changefeed, as TiCDC's config has it: for tables its {@code
 * matcher} rules match (table filter syntax), ignore the listed event kinds and the DDL whose query
 * matches any {@code ignoreSql} regular expression (case-insensitive). TiCDC's value expressions
 * ({@code ignore-insert-value-expr} and friends) are not supported.
 */
public record EventFilterRule(
    List<String> matcher, List<String> ignoreEvent, List<String> ignoreSql) {
  public EventFilterRule {
    matcher = matcher == null ? List.of() : List.copyOf(matcher);
    ignoreEvent = ignoreEvent == null ? List.of() : List.copyOf(ignoreEvent);
    ignoreSql = ignoreSql == null ? List.of() : List.copyOf(ignoreSql);
  }
}
