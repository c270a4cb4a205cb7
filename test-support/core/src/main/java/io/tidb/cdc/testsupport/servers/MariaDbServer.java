package io.tidb.cdc.testsupport.servers;

/**
 * A running MariaDB server, user root with an empty password, character set utf8mb4 with the
 * utf8mb4_bin collation (TiDB's defaults). The server is shared by every test of the JVM: create a
 * database with a name unique to your test.
 */
public record MariaDbServer(String host, int port, String user, String password) {
  /** A JDBC URL without a default database. */
  public String jdbcUrl() {
    return "jdbc:mariadb://" + host + ":" + port + "/";
  }

  /** A JDBC URL whose default database is {@code database} (which must exist). */
  public String jdbcUrl(String database) {
    return jdbcUrl() + database;
  }
}
