package io.tidb.cdc.testsupport.servers;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * MariaDB readiness: the server greets a new connection with a protocol-10 handshake, and, when the
 * test classpath has a JDBC driver for the URL, a real JDBC login answers {@code SELECT 1}. The
 * handshake alone keeps this library free of a driver dependency.
 */
final class MySqlProbe {
  private static final int TIMEOUT_MILLIS = 2000;
  private static final int PROTOCOL_VERSION = 10;

  private MySqlProbe() {}

  static boolean ready(MariaDbServer server) throws IOException, SQLException {
    return greets(server) && jdbcAnswersIfDriverPresent(server);
  }

  private static boolean greets(MariaDbServer server) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), TIMEOUT_MILLIS);
      socket.setSoTimeout(TIMEOUT_MILLIS);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = new byte[4];
      in.readFully(header);
      // First payload byte: 10 for a handshake, 0xff for an error packet (e.g. still starting).
      return in.readUnsignedByte() == PROTOCOL_VERSION;
    }
  }

  private static boolean jdbcAnswersIfDriverPresent(MariaDbServer server) throws SQLException {
    Driver driver;
    try {
      driver = DriverManager.getDriver(server.jdbcUrl());
    } catch (SQLException noDriver) {
      return true;
    }
    Properties login = new Properties();
    login.setProperty("user", server.user());
    login.setProperty("password", server.password());
    login.setProperty("connectTimeout", Integer.toString(TIMEOUT_MILLIS));
    try (Connection connection = driver.connect(server.jdbcUrl(), login);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1")) {
      return result.next() && result.getInt(1) == 1;
    }
  }
}
