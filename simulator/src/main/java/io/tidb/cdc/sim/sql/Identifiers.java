package io.tidb.cdc.sim.sql;

import java.util.Locale;

/** Identifier handling: backquotes removed, names compared in lower case as TiDB does. */
final class Identifiers {
  private Identifiers() {}

  /** The identifier without backquotes or double quotes, as written. */
  static String strip(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    if (t.length() >= 2
        && ((t.startsWith("`") && t.endsWith("`")) || (t.startsWith("\"") && t.endsWith("\"")))) {
      return t.substring(1, t.length() - 1).replace("``", "`");
    }
    return t;
  }

  /** The lower-case form used for lookups. */
  static String name(String s) {
    return strip(s).toLowerCase(Locale.ROOT);
  }
}
