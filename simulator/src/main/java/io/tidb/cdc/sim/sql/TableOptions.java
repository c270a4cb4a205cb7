package io.tidb.cdc.sim.sql;

import java.util.List;
import java.util.Locale;

/** The table options the simulator records: charset, collation, comment, AUTO_INCREMENT. */
record TableOptions(Charsets.Defaults charsets, String comment, long autoIncrement) {

  /** Reads JSqlParser's option words, e.g. {@code [DEFAULT, CHARSET, =, utf8mb4]}. */
  static TableOptions read(List<String> words, Charsets.Defaults dbDefaults) {
    String charset = null;
    String collate = null;
    String comment = "";
    long autoIncrement = 0;
    if (words != null) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i).toLowerCase(Locale.ROOT);
        int valueAt = i + 1 < words.size() && words.get(i + 1).equals("=") ? i + 2 : i + 1;
        if (w.equals("character")
            && i + 1 < words.size()
            && words.get(i + 1).equalsIgnoreCase("set")) {
          valueAt = i + 2 < words.size() && words.get(i + 2).equals("=") ? i + 3 : i + 2;
          w = "charset";
        }
        if (valueAt >= words.size()) {
          continue;
        }
        String value = Identifiers.strip(words.get(valueAt));
        switch (w) {
          case "charset" -> charset = value;
          case "collate" -> collate = value;
          case "comment" -> comment = Literals.unquote(words.get(valueAt));
          case "auto_increment" -> autoIncrement = Long.parseLong(value);
          default -> {
            // ENGINE, ROW_FORMAT and the like have no meaning for TiDB's meta.
          }
        }
      }
    }
    return new TableOptions(
        Charsets.defaults(charset, collate, dbDefaults), comment, autoIncrement);
  }
}
