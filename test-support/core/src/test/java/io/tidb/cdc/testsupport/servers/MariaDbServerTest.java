package io.tidb.cdc.testsupport.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestServersExtension.class)
class MariaDbServerTest {
  @Test
  void createsInsertsAndSelects(MariaDbServer mariaDb) throws Exception {
    try (Connection admin =
            DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.user(), mariaDb.password());
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE smoke_mariadb");
    }
    List<String> names = new ArrayList<>();
    try (Connection connection =
        DriverManager.getConnection(
            mariaDb.jdbcUrl("smoke_mariadb"), mariaDb.user(), mariaDb.password())) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(32))");
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
        for (int id = 1; id <= 3; id++) {
          insert.setLong(1, id);
          insert.setString(2, "row-" + id + "-\u00e9\u4e2d");
          insert.addBatch();
        }
        insert.executeBatch();
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT name FROM t WHERE id >= 2 ORDER BY id")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
    }
    assertThat(names).containsExactly("row-2-\u00e9\u4e2d", "row-3-\u00e9\u4e2d");
  }

  @Test
  void serverUsesTidbDefaultCharacterSet(MariaDbServer mariaDb) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(mariaDb.jdbcUrl(), mariaDb.user(), mariaDb.password());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery("SELECT @@character_set_server, @@collation_server")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("utf8mb4");
      assertThat(row.getString(2)).isEqualTo("utf8mb4_bin");
    }
  }
}
