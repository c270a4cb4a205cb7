package io.tidb.cdc.worker.config;

import java.util.List;

/**
 * Which changes a changefeed replicates: table filter {@code rules} in TiDB's syntax (default
 * {@code *.*}), whether names compare case-sensitively (default no), event filters, and
 * transactions to skip by start ts.
 */
public record FilterSpec(
    List<String> rules,
    Boolean caseSensitive,
    List<EventFilterSpec> eventFilters,
    List<Long> ignoreTxnStartTs) {}
