package io.tidb.cdc.worker.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule tables from TiDB's own tests, pkg/util/table-filter/table_filter_test.go (TestMatchTables,
 * TestMatchSchemas, TestParseFailures2), plus the examples of
 * https://docs.pingcap.com/tidb/stable/table-filter.
 */
class TableFilterTest {

  /** One table and whether it is accepted case-sensitively and case-insensitively. */
  record Probe(String schema, String table, boolean cs, boolean ci) {}

  static Probe p(String schema, String table, boolean cs, boolean ci) {
    return new Probe(schema, table, cs, ci);
  }

  static Stream<Arguments> tableCases() {
    return Stream.of(
        Arguments.of(List.of(), List.of(p("foo", "bar", false, false))),
        Arguments.of(List.of("*.*"), List.of(p("foo", "bar", true, true))),
        Arguments.of(
            List.of("foo.*"),
            List.of(
                p("foo", "bar", true, true),
                p("foo1", "bar", false, false),
                p("foo2", "bar", false, false))),
        Arguments.of(
            List.of("*.*", "!foo1.*"),
            List.of(
                p("foo", "bar", true, true),
                p("foo1", "bar", false, false),
                p("foo2", "bar", true, true))),
        Arguments.of(
            List.of("foo.bar1"),
            List.of(
                p("foo", "bar", false, false),
                p("foo", "bar1", true, true),
                p("fff", "bar1", false, false))),
        Arguments.of(
            List.of("*.*", "!foo.bar"),
            List.of(
                p("foo", "bar", false, false),
                p("foo", "bar1", true, true),
                p("fff", "bar1", true, true))),
        Arguments.of(
            List.of("/^foo/.*", "!/^foo/./^sbtest-\\d/"),
            List.of(
                p("foo", "sbtest", true, true),
                p("foo1", "sbtest-1", false, false),
                p("fff", "bar", false, false))),
        Arguments.of(
            List.of("*.*", "!foo[bar].*", "!bar?.*", "!special\\\\.*"),
            List.of(
                p("foor", "a", false, false),
                p("foo[bar]", "b", true, true),
                p("ba", "c", true, true),
                p("bar?", "d", false, false),
                p("special\\", "e", false, false),
                p("special\\\\", "f", true, true),
                p("bazzz", "g", true, true),
                p("special\\$", "h", true, true),
                p("afooa", "i", true, true))),
        Arguments.of(
            List.of("*.*", "!/^FOO/.*", "!*./FoO$/"),
            List.of(
                p("FOO1", "a", false, false),
                p("foo2", "b", true, false),
                p("BoO3", "cFoO", false, false),
                p("Foo4", "dfoo", true, false),
                p("5", "5", true, true))),
        Arguments.of(
            List.of("*.*", "!a?b?./f[0-9]/"),
            List.of(
                p("abbd", "f1", false, false),
                p("aaaa", "f2", true, true),
                p("5", "5", true, true),
                p("abbc", "fa", true, true))),
        Arguments.of(
            List.of("*.*", "!/t[0-8]/.a??"),
            List.of(
                p("t1", "a01", false, false),
                p("t9", "a02", true, true),
                p("5", "5", true, true),
                p("t8", "a001", true, true))),
        Arguments.of(
            List.of("*.*", "!a*.A*"),
            List.of(
                p("aB", "Ab", false, false),
                p("AaB", "aab", true, false),
                p("acB", "Afb", false, false))),
        Arguments.of(
            List.of("BAR.*"), List.of(p("bar", "a", false, true), p("BAR", "a", true, true))),
        Arguments.of(
            List.of("# comment", "x.y", "   \t"),
            List.of(p("x", "y", true, true), p("y", "y", false, false))),
        Arguments.of(
            List.of("p_123$.45", "中文.表名"),
            List.of(
                p("p_123", "45", false, false),
                p("p_123$", "45", true, true),
                p("英文", "表名", false, false),
                p("中文", "表名", true, true))),
        Arguments.of(
            List.of("\\\\\\..*"),
            List.of(
                p("\\.", "a", true, true),
                p("\\\\\\.", "b", false, false),
                p("\\a", "c", false, false))),
        Arguments.of(
            List.of("[!a-z].[^a-z]"),
            List.of(
                p("!", "z", true, true),
                p("!", "^", true, true),
                p("!", "9", false, false),
                p("a", "z", false, false),
                p("a", "^", false, false),
                p("a", "9", false, false),
                p("1", "z", true, true),
                p("1", "^", true, true),
                p("1", "9", false, false))),
        Arguments.of(
            List.of("\"some \"\"quoted\"\"\".`identifiers?`"),
            List.of(
                p("some \"quoted\"", "identifiers?", true, true),
                p("some \"quoted\"", "identifiers!", false, false),
                p("some \"\"quoted\"\"", "identifiers?", false, false),
                p("SOME \"QUOTED\"", "IDENTIFIERS?", false, true),
                p("some\t\"quoted\"", "identifiers?", false, false))),
        Arguments.of(
            List.of("db*.*", "!*.cfg*", "*.cfgsample"),
            List.of(
                p("irrelevant", "table", false, false),
                p("db1", "tbl1", true, true),
                p("db1", "cfg1", false, false),
                p("db1", "cfgsample", true, true),
                p("else", "cfgsample", true, true))),
        Arguments.of(
            List.of("*.*", "!S.D[!a-d]"),
            List.of(
                p("S", "D1", false, false),
                p("S", "Da", true, true),
                p("S", "Db", true, true),
                p("S", "Daa", true, true))),
        Arguments.of(
            List.of("*.*", "!S.D[a-d]"),
            List.of(
                p("S", "D1", true, true),
                p("S", "Da", false, false),
                p("S", "Db", false, false),
                p("S", "Daa", true, true))),
        // docs: "employees.*" and "*.WorkOrder" together; quoted names with dots.
        Arguments.of(
            List.of("employees.*", "*.WorkOrder"),
            List.of(
                p("employees", "Salary", true, true),
                p("production", "WorkOrder", true, true),
                p("production", "Product", false, false))),
        // docs: "!" excludes, and the last matching rule wins.
        Arguments.of(
            List.of("*.*", "!*.Password", "!employees.*"),
            List.of(
                p("employees", "Salary", false, false),
                p("hr", "Password", false, false),
                p("hr", "Salary", true, true))),
        Arguments.of(
            List.of("!employees.*", "*.WorkOrder"),
            List.of(
                p("employees", "WorkOrder", true, true), p("employees", "Salary", false, false))),
        Arguments.of(
            List.of("*.WorkOrder", "!employees.*"),
            List.of(
                p("employees", "WorkOrder", false, false), p("sales", "WorkOrder", true, true))),
        Arguments.of(
            List.of("`db.with.dots`.\"t\"", "db[0-9].tbl[0-9a-f][0-9a-f]"),
            List.of(
                p("db.with.dots", "t", true, true),
                p("db3", "tbl0f", true, true),
                p("db3", "tbl0g", false, false),
                p("dbx", "tbl00", false, false))));
  }

  @ParameterizedTest
  @MethodSource("tableCases")
  void matchesTablesAsTidb(List<String> rules, List<Probe> probes) throws Exception {
    TableFilter cs = TableFilter.parse(rules, CaseSensitivity.SENSITIVE);
    TableFilter ci = TableFilter.parse(rules, CaseSensitivity.INSENSITIVE);
    for (Probe probe : probes) {
      assertThat(cs.matchTable(probe.schema(), probe.table()))
          .as("case-sensitive %s", probe)
          .isEqualTo(probe.cs());
      assertThat(ci.matchTable(probe.schema(), probe.table()))
          .as("case-insensitive %s", probe)
          .isEqualTo(probe.ci());
    }
  }

  /** One schema and whether it is accepted case-sensitively and case-insensitively. */
  record SchemaProbe(String schema, boolean cs, boolean ci) {}

  static Stream<Arguments> schemaCases() {
    return Stream.of(
        Arguments.of(List.of(), List.of(new SchemaProbe("foo", false, false))),
        Arguments.of(List.of("*.*"), List.of(new SchemaProbe("foo", true, true))),
        Arguments.of(
            List.of("foo.*"),
            List.of(new SchemaProbe("foo", true, true), new SchemaProbe("foo1", false, false))),
        Arguments.of(
            List.of("*.*", "!foo1.*"),
            List.of(new SchemaProbe("foo", true, true), new SchemaProbe("foo1", false, false))),
        Arguments.of(
            List.of("foo.bar1"),
            List.of(new SchemaProbe("foo", true, true), new SchemaProbe("foo1", false, false))),
        Arguments.of(
            List.of("*.*", "!foo.bar"),
            List.of(new SchemaProbe("foo", true, true), new SchemaProbe("foo1", true, true))),
        Arguments.of(
            List.of("/^foo/.*", "!/^foo/./^sbtest-\\d/"),
            List.of(new SchemaProbe("foo", true, true), new SchemaProbe("foo2", true, true))),
        Arguments.of(
            List.of("*.*", "!FOO*.*", "!*.*FoO"),
            List.of(
                new SchemaProbe("foo", true, false),
                new SchemaProbe("FOO", false, false),
                new SchemaProbe("foobar", true, false),
                new SchemaProbe("FOOBAR", false, false),
                new SchemaProbe("bar", true, true),
                new SchemaProbe("BAR", true, true))));
  }

  @ParameterizedTest
  @MethodSource("schemaCases")
  void matchesSchemasAsTidb(List<String> rules, List<SchemaProbe> probes) throws Exception {
    TableFilter cs = TableFilter.parse(rules, CaseSensitivity.SENSITIVE);
    TableFilter ci = TableFilter.parse(rules, CaseSensitivity.INSENSITIVE);
    for (SchemaProbe probe : probes) {
      assertThat(cs.matchSchema(probe.schema()))
          .as("case-sensitive %s", probe)
          .isEqualTo(probe.cs());
      assertThat(ci.matchSchema(probe.schema()))
          .as("case-insensitive %s", probe)
          .isEqualTo(probe.ci());
    }
  }

  static Stream<Arguments> badRules() {
    return Stream.of(
        // From TestParseFailures2, with TiDB's wording; our column numbers are 1-based.
        Arguments.of("/^t[0-9]+((?!_copy).)*$/.*", "invalid pattern", 0),
        Arguments.of("/^t[0-9]+sp(?=copy).*/.*", "invalid pattern", 0),
        Arguments.of("a.b.c", "syntax error: stray characters after table pattern", 4),
        Arguments.of("a%b.c", "unexpected special character '%'", 2),
        Arguments.of(
            "a\\tb.c",
            "cannot escape a letter or number (\\t), it is reserved for future extension",
            2),
        Arguments.of("[].*", "syntax error: failed to parse character class", 1),
        Arguments.of("[!].*", "invalid pattern", 1),
        Arguments.of("[.*", "syntax error: failed to parse character class", 1),
        Arguments.of("[\\d\\D].*", "syntax error: failed to parse character class", 1),
        Arguments.of("db", "wrong table pattern", 3),
        Arguments.of("db.", "syntax error: missing pattern", 4),
        Arguments.of("`db`*.*", "syntax error: missing '.' between schema and table patterns", 5),
        Arguments.of("/db.*", "syntax error: incomplete regexp", 1),
        Arguments.of("`db.*", "syntax error: incomplete quoted identifier", 1),
        Arguments.of("\"db.*", "syntax error: incomplete quoted identifier", 1),
        Arguments.of("db\\", "syntax error: cannot place \\ at end of line", 3),
        Arguments.of("db.tbl#not comment", "unexpected special character '#'", 7),
        // Ours: imports make no sense for a rule list that comes from a custom resource.
        Arguments.of("@/etc/rules.txt", "importing filter files", 1),
        Arguments.of("/(a)\\1/.*", "backreferences", 5));
  }

  @ParameterizedTest
  @MethodSource("badRules")
  void aBadRuleNamesItselfAndWhere(String rule, String problem, int column) {
    assertThatThrownBy(() -> TableFilter.parse(List.of("*.*", rule), CaseSensitivity.INSENSITIVE))
        .isInstanceOfSatisfying(
            FilterRuleException.class,
            e -> {
              assertThat(e.getMessage()).contains("rule #2 \"" + rule + "\"").contains(problem);
              assertThat(e.ruleNumber()).isEqualTo(2);
              assertThat(e.rule()).isEqualTo(rule);
              if (column > 0) {
                assertThat(e.column()).isEqualTo(column);
              }
            });
  }

  @Test
  void aNegatedSchemaPatternWithATablePatternKeepsTheSchema() throws Exception {
    TableFilter f = TableFilter.parse(List.of("*.*", "!app.tmp_*"), CaseSensitivity.INSENSITIVE);
    assertThat(f.matchSchema("app")).isTrue();
    assertThat(f.matchTable("app", "tmp_1")).isFalse();
    assertThat(f.matchTable("App", "Tmp_1")).isFalse();
    assertThat(f.matchTable("app", "orders")).isTrue();
  }

  @Test
  void wildcardsMatchAnyCharacterIncludingNewlines() throws Exception {
    TableFilter f = TableFilter.parse(List.of("a?c.*"), CaseSensitivity.SENSITIVE);
    assertThat(f.matchTable("a\nc", "t")).isTrue();
    assertThat(f.matchTable("a\nbc", "t")).isFalse();
  }
}
