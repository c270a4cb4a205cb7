package io.tidb.cdc.sim.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatementSplitterTest {
  @Test
  void splitsAtSemicolonsOutsideQuotesAndComments() {
    assertThat(
            StatementSplitter.split(
                "INSERT INTO t VALUES ('a;b', \"c;d\"); -- x; y\nUPDATE `we;ird` SET a = 'it''s;' WHERE id = 1 # z;\n; /* c; */ DELETE FROM t WHERE id = 2;"))
        .containsExactly(
            "INSERT INTO t VALUES ('a;b', \"c;d\")",
            "UPDATE `we;ird` SET a = 'it''s;' WHERE id = 1",
            "DELETE FROM t WHERE id = 2");
  }

  @Test
  void keepsExecutableCommentsAndEscapedQuotes() {
    assertThat(
            StatementSplitter.split(
                "CREATE TABLE t (a int PRIMARY KEY /*T![clustered_index] CLUSTERED */) /*!50100 COMMENT 'x' */; SELECT 'a\\';b'"))
        .containsExactly(
            "CREATE TABLE t (a int PRIMARY KEY   CLUSTERED  )   COMMENT 'x'", "SELECT 'a\\';b'");
  }

  @Test
  void reportsUnterminatedQuotes() {
    assertThatThrownBy(() -> StatementSplitter.split("INSERT INTO t VALUES ('x)"))
        .isInstanceOf(SqlException.class)
        .hasMessageContaining("unterminated ' quote");
  }
}
