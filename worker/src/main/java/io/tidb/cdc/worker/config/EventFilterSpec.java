package io.tidb.cdc.worker.config;

import java.util.List;

/**
 * One event filter: for the tables {@code matcher} matches, drop the event kinds in {@code
 * ignoreEvent} (TiCDC's names: {@code insert}, {@code drop table}, {@code all ddl}...) and the DDL
 * whose query matches one of the {@code ignoreSql} regular expressions.
 */
public record EventFilterSpec(
    List<String> matcher, List<String> ignoreEvent, List<String> ignoreSql) {}
