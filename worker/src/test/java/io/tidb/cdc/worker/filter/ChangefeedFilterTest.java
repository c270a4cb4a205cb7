package io.tidb.cdc.worker.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.worker.mounter.PreImage;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import io.tidb.cdc.worker.schema.Fixtures;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TiCDC's filter on top of the table rules: system schemas, event filters, ignored txns. */
class ChangefeedFilterTest {

  private static RowChange row(String schema, String table, RowChangeType type, long startTs) {
    TableDef def = new TableDef(2, schema, Fixtures.intPkTable(60, table));
    PreImage pre =
        type == RowChangeType.INSERT || type == RowChangeType.UPSERT
            ? PreImage.NONE
            : PreImage.FULL;
    return new RowChange(
        def, 60, startTs, startTs + 1, type, new Handle.IntHandle(1), List.of(), List.of(), pre);
  }

  private static ChangefeedFilter filter(List<String> rules, EventFilterRule... events)
      throws Exception {
    return ChangefeedFilter.create(
        new ChangefeedFilter.Config(
            rules, CaseSensitivity.INSENSITIVE, List.of(events), List.of(42L)));
  }

  private static DdlSummary ddl(ActionType action, String schema, String table, String query) {
    return new DdlSummary(action, schema, table, query, 7);
  }

  @Test
  void systemSchemasAreNeverReplicated() throws Exception {
    ChangefeedFilter f = filter(List.of("*.*"));
    for (String s :
        List.of(
            "mysql",
            "INFORMATION_SCHEMA",
            "performance_schema",
            "metrics_schema",
            "inspection_schema",
            "sys",
            "tidb_cdc")) {
      assertThat(f.shouldIgnoreTable(s, "t")).as(s).isTrue();
      assertThat(f.shouldIgnoreSchema(s)).as(s).isTrue();
    }
    assertThat(f.shouldIgnoreTable("app", "t")).isFalse();
    // Explicitly listing a system table does not bring it back, as in TiCDC.
    assertThat(filter(List.of("mysql.user")).shouldIgnoreTable("mysql", "user")).isTrue();
  }

  @Test
  void noRulesMeansEverything() throws Exception {
    ChangefeedFilter f = ChangefeedFilter.create(ChangefeedFilter.Config.ofRules(List.of()));
    assertThat(f.shouldIgnoreTable("app", "orders")).isFalse();
  }

  @Test
  void theIssueExampleReplicatesAppButNotItsTmpTables() throws Exception {
    ChangefeedFilter f = filter(List.of("app.*", "!app.tmp_*"));
    assertThat(f.shouldIgnoreTable("app", "orders")).isFalse();
    assertThat(f.shouldIgnoreTable("APP", "Orders")).isFalse();
    assertThat(f.shouldIgnoreTable("app", "tmp_x")).isTrue();
    assertThat(f.shouldIgnoreTable("other", "orders")).isTrue();
    assertThat(f.shouldIgnoreSchema("app")).isFalse();
    assertThat(f.shouldIgnoreSchema("other")).isTrue();
  }

  @Test
  void caseSensitiveRulesCompareExactly() throws Exception {
    ChangefeedFilter f =
        ChangefeedFilter.create(
            new ChangefeedFilter.Config(
                List.of("App.*"), CaseSensitivity.SENSITIVE, List.of(), List.of()));
    assertThat(f.shouldIgnoreTable("App", "t")).isFalse();
    assertThat(f.shouldIgnoreTable("app", "t")).isTrue();
  }

  @Test
  void eventFiltersIgnoreDmlKindsForMatchingTables() throws Exception {
    ChangefeedFilter f =
        filter(
            List.of("*.*"),
            new EventFilterRule(List.of("app.audit"), List.of("delete", "update"), List.of()),
            new EventFilterRule(List.of("app.log*"), List.of("all dml"), List.of()));

    assertThat(f.shouldIgnoreDml(row("app", "audit", RowChangeType.INSERT, 1))).isFalse();
    assertThat(f.shouldIgnoreDml(row("app", "audit", RowChangeType.DELETE, 1))).isTrue();
    assertThat(f.shouldIgnoreDml(row("app", "audit", RowChangeType.UPDATE, 1))).isTrue();
    // An upsert may be an insert: only dropped when inserts are dropped too.
    assertThat(f.shouldIgnoreDml(row("app", "audit", RowChangeType.UPSERT, 1))).isFalse();
    assertThat(f.shouldIgnoreDml(row("app", "log_1", RowChangeType.UPSERT, 1))).isTrue();
    assertThat(f.shouldIgnoreDml(row("app", "orders", RowChangeType.DELETE, 1))).isFalse();
    // The changefeed's ignore-txn-start-ts.
    assertThat(f.shouldIgnoreDml(row("app", "orders", RowChangeType.INSERT, 42))).isTrue();
    assertThat(f.shouldIgnoreDml(row("mysql", "user", RowChangeType.INSERT, 1))).isTrue();
  }

  @Test
  void eventFiltersIgnoreDdlKindsAndQueries() throws Exception {
    ChangefeedFilter f =
        filter(
            List.of("*.*"),
            new EventFilterRule(
                List.of("app.*"), List.of("truncate table", "Drop Table"), List.of()),
            new EventFilterRule(
                List.of("shop.*"), List.of("alter table"), List.of("^\\s*create\\s+index")),
            new EventFilterRule(List.of("crm.*"), List.of("drop database"), List.of()));

    assertThat(f.shouldIgnoreDdl(ddl(ActionType.TRUNCATE_TABLE, "app", "t", "truncate table t")))
        .isTrue();
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.DROP_TABLE, "app", "t", "drop table t"))).isTrue();
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.ADD_COLUMN, "app", "t", "alter table t add c int")))
        .isFalse();
    // "alter table" covers column, index, partition, rename... kinds.
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.ADD_COLUMN, "shop", "t", "alter table t add c int")))
        .isTrue();
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.RENAME_TABLE, "shop", "t2", "rename table t to t2")))
        .isTrue();
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.CREATE_TABLE, "shop", "t", "create table t (a int)")))
        .isFalse();
    // ignore-sql is a case-insensitive regex search in the query.
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.ADD_INDEX, "shop", "t", "CREATE INDEX i ON t(a)")))
        .isTrue();
    // Database DDL is matched against the database only.
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.DROP_SCHEMA, "crm", "", "drop database crm")))
        .isTrue();
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.CREATE_SCHEMA, "crm", "", "create database crm")))
        .isFalse();
  }

  @Test
  void ddlOfUnreplicatedKindsOrFilteredTablesIsDropped() throws Exception {
    ChangefeedFilter f = filter(List.of("app.*"));
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.CREATE_SEQUENCE, "app", "seq", "create sequence seq")))
        .isTrue();
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.LOCK_TABLE, "app", "t", "lock tables t write")))
        .isTrue();
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.CREATE_TABLE, "other", "t", "create table t (a int)")))
        .isTrue();
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.CREATE_TABLE, "app", "t", "create table t (a int)")))
        .isFalse();
    assertThat(f.shouldIgnoreDdl(ddl(ActionType.CREATE_SCHEMA, "app", "", "create database app")))
        .isFalse();
    assertThat(
            f.shouldIgnoreDdl(ddl(ActionType.CREATE_SCHEMA, "mysql", "", "create database mysql")))
        .isTrue();
    assertThat(new DdlSummary(ActionType.CREATE_TABLE, "app", "t", null, 42).query()).isEmpty();
    assertThat(f.shouldIgnoreDdl(new DdlSummary(ActionType.CREATE_TABLE, "app", "t", "", 42)))
        .isTrue();
  }

  @Test
  void aBadEventFilterNamesItselfAndTheProblem() {
    assertThatThrownBy(
            () ->
                filter(
                    List.of("*.*"),
                    new EventFilterRule(List.of("a.*"), List.of("insert", "upsert"), List.of())))
        .isInstanceOf(FilterRuleException.class)
        .hasMessageContaining("event filter #1")
        .hasMessageContaining("unknown ignore-event type 'upsert'")
        .hasMessageContaining("truncate table");
    assertThatThrownBy(
            () ->
                filter(
                    List.of("*.*"),
                    new EventFilterRule(List.of("a.*"), List.of(), List.of()),
                    new EventFilterRule(List.of("a.*", "b.c.d"), List.of(), List.of())))
        .isInstanceOfSatisfying(
            FilterRuleException.class,
            e -> {
              assertThat(e.getMessage())
                  .startsWith("event filter #2 matcher: invalid filter rule #2 \"b.c.d\"");
              assertThat(e.column()).isEqualTo(4);
            });
    assertThatThrownBy(
            () ->
                filter(
                    List.of("*.*"),
                    new EventFilterRule(List.of("a.*"), List.of(), List.of("(unclosed"))))
        .isInstanceOf(FilterRuleException.class)
        .hasMessageContaining("invalid ignore-sql pattern");
    assertThatThrownBy(() -> filter(List.of("db")))
        .isInstanceOf(FilterRuleException.class)
        .hasMessageContaining("invalid filter rule #1 \"db\"");
  }

  @Test
  void everyEventTypeSpellingParses() {
    for (EventType t : EventType.values()) {
      assertThat(EventType.parse(t.text())).contains(t);
    }
    assertThat(EventType.parse(" Create Schema ")).contains(EventType.CREATE_DATABASE);
    assertThat(EventType.parse("drop schema")).contains(EventType.DROP_DATABASE);
    assertThat(EventType.of(ActionType.ADD_COLUMNS)).contains(EventType.ADD_COLUMN);
    assertThat(EventType.of(ActionType.ADD_INDEX)).contains(EventType.CREATE_INDEX);
    assertThat(EventType.of(ActionType.CREATE_SEQUENCE)).isEmpty();
  }
}
