package io.tidb.cdc.sim.workload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Tables and row values of the workload: sysbench's {@code sbtest} layout ({@code id, k, c, pad}
 * with an index on {@code k}) and, for wide rows, one more column per column type family. All
 * values come from the caller's {@link Random}, so a seed fixes them.
 */
final class RowGenerator {
  static final List<String> BASE_COLUMNS = List.of("id", "k", "c", "pad");

  private static final String WIDE_DEFINITIONS =
      ", c_tiny tinyint, c_small smallint unsigned, c_medium mediumint, c_big bigint unsigned,"
          + " c_float float, c_double double, c_dec decimal(20,6), c_date date,"
          + " c_datetime datetime(6), c_ts timestamp(3) NULL, c_time time(3), c_year year,"
          + " c_varchar varchar(255), c_text text, c_binary binary(8), c_varbinary varbinary(64),"
          + " c_blob blob, c_enum enum('red','green','blue'), c_set set('a','b','c','d'),"
          + " c_bit bit(12), c_json json";

  static final List<String> WIDE_COLUMNS =
      List.of(
          "c_tiny",
          "c_small",
          "c_medium",
          "c_big",
          "c_float",
          "c_double",
          "c_dec",
          "c_date",
          "c_datetime",
          "c_ts",
          "c_time",
          "c_year",
          "c_varchar",
          "c_text",
          "c_binary",
          "c_varbinary",
          "c_blob",
          "c_enum",
          "c_set",
          "c_bit",
          "c_json");

  private final boolean wide;

  RowGenerator(boolean wide) {
    this.wide = wide;
  }

  String createTable(String db, String table) {
    return "CREATE TABLE IF NOT EXISTS `"
        + db
        + "`.`"
        + table
        + "` (id bigint NOT NULL,"
        + " k int NOT NULL DEFAULT 0, c char(120) NOT NULL DEFAULT '', pad char(60) NOT NULL DEFAULT ''"
        + (wide ? WIDE_DEFINITIONS : "")
        + ", PRIMARY KEY (id), KEY k_1 (k))";
  }

  List<String> columns() {
    List<String> out = new ArrayList<>(BASE_COLUMNS);
    if (wide) {
      out.addAll(WIDE_COLUMNS);
    }
    return out;
  }

  List<Object> row(long id, Random r) {
    List<Object> v = new ArrayList<>();
    v.add(id);
    v.add((long) r.nextInt(1_000_000));
    v.add(digits(r, 11, 10));
    v.add(digits(r, 5, 10));
    if (wide) {
      v.addAll(wideValues(r));
    }
    return v;
  }

  /**
   * Column values for an UPDATE: sysbench's index update ({@code k}) or non-index one ({@code c}).
   */
  java.util.Map<String, Object> update(Random r) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    if (r.nextBoolean()) {
      m.put("k", (long) r.nextInt(1_000_000));
    } else {
      m.put("c", digits(r, 11, 10));
    }
    if (wide) {
      List<Object> values = wideValues(r);
      int pick = r.nextInt(WIDE_COLUMNS.size());
      m.put(WIDE_COLUMNS.get(pick), values.get(pick));
    }
    return m;
  }

  private static List<Object> wideValues(Random r) {
    List<Object> v = new ArrayList<>();
    v.add((long) (r.nextInt(256) - 128));
    v.add((long) r.nextInt(65_536));
    v.add((long) (r.nextInt(1 << 24) - (1 << 23)));
    v.add(r.nextLong() & Long.MAX_VALUE);
    v.add(BigDecimal.valueOf(r.nextInt(100_000), 2));
    v.add(r.nextDouble() * 1e6);
    v.add(BigDecimal.valueOf(r.nextLong() % 100_000_000_000_000L, 6));
    v.add(
        String.format(
            "%04d-%02d-%02d", 1990 + r.nextInt(40), 1 + r.nextInt(12), 1 + r.nextInt(28)));
    v.add(
        String.format(
            "2020-%02d-%02d %02d:%02d:%02d.%06d",
            1 + r.nextInt(12),
            1 + r.nextInt(28),
            r.nextInt(24),
            r.nextInt(60),
            r.nextInt(60),
            r.nextInt(1_000_000)));
    v.add(
        r.nextInt(10) == 0
            ? null
            : String.format(
                "2021-%02d-%02d 12:00:00.%03d",
                1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(1000)));
    v.add(
        String.format(
            "%s%02d:%02d:%02d.%03d",
            r.nextBoolean() ? "-" : "",
            r.nextInt(800),
            r.nextInt(60),
            r.nextInt(60),
            r.nextInt(1000)));
    v.add((long) (1901 + r.nextInt(255)));
    v.add("vä" + digits(r, 1 + r.nextInt(8), 12));
    v.add(digits(r, r.nextInt(30), 8));
    v.add(bytes(r, 1 + r.nextInt(8)));
    v.add(bytes(r, r.nextInt(64)));
    v.add(bytes(r, r.nextInt(512)));
    v.add(List.of("red", "green", "blue").get(r.nextInt(3)));
    v.add((long) r.nextInt(16));
    v.add((long) r.nextInt(4096));
    v.add(
        "{\"n\": "
            + r.nextInt(1000)
            + ", \"s\": \""
            + digits(r, 1, 5)
            + "\", \"a\": [true, null, 1.5]}");
    return v;
  }

  private static String digits(Random r, int groups, int width) {
    StringBuilder sb = new StringBuilder();
    for (int g = 0; g < groups; g++) {
      if (g > 0) {
        sb.append('-');
      }
      for (int i = 0; i < width; i++) {
        sb.append((char) ('0' + r.nextInt(10)));
      }
    }
    return sb.toString();
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
