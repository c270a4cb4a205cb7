package io.tidb.cdc.sim.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a script into statements at semicolons outside quotes and comments. Comments are dropped,
 * except TiDB/MySQL executable comments ({@code /*T![feature] CLUSTERED *}{@code /} and {@code
 * /*!50100 ... *}{@code /}), whose text is kept as TiDB executes it.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = quoteEnd(script, i);
        cur.append(script, i, end);
        i = end;
      } else if (c == '-'
          && i + 2 < n + 1
          && script.startsWith("--", i)
          && (i + 2 == n || Character.isWhitespace(script.charAt(i + 2)))) {
        i = lineEnd(script, i);
      } else if (c == '#') {
        i = lineEnd(script, i);
      } else if (c == '/' && script.startsWith("/*", i)) {
        int end = script.indexOf("*/", i + 2);
        if (end < 0) {
          throw new SqlException("unterminated comment starting at offset " + i);
        }
        cur.append(' ').append(executable(script.substring(i + 2, end))).append(' ');
        i = end + 2;
      } else if (c == ';') {
        add(out, cur);
        i++;
      } else {
        cur.append(c);
        i++;
      }
    }
    add(out, cur);
    return out;
  }

  /** The executed part of a comment body: TiDB's {@code T![...]} and MySQL's {@code !NNNNN}. */
  private static String executable(String body) {
    if (body.startsWith("T![")) {
      int close = body.indexOf(']');
      return close < 0 ? "" : body.substring(close + 1);
    }
    if (body.startsWith("!")) {
      int k = 1;
      while (k < body.length() && Character.isDigit(body.charAt(k))) {
        k++;
      }
      return body.substring(k);
    }
    return "";
  }

  private static int quoteEnd(String s, int start) {
    char q = s.charAt(start);
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\' && q != '`') {
        i += 2;
      } else if (c == q) {
        if (i + 1 < s.length() && s.charAt(i + 1) == q) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    throw new SqlException("unterminated " + q + " quote starting at offset " + start);
  }

  private static int lineEnd(String s, int i) {
    int nl = s.indexOf('\n', i);
    return nl < 0 ? s.length() : nl + 1;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().trim();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
