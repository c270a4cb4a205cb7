package io.tidb.cdc.sim.sql;

import io.tidb.cdc.sim.table.Strings;
import io.tidb.cdc.tidb.json.JsonText;
import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Function;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeKeyExpression;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * Evaluates the expressions the simulator accepts as values: literals (numbers, MySQL strings with
 * backslash escapes, {@code x'..'}/{@code 0x..} hex, {@code b'..'} bits, TRUE/FALSE, NULL), {@code
 * DEFAULT}, {@code NOW()}/{@code CURRENT_TIMESTAMP} (UTC), and {@code col + n} / {@code col - n} on
 * the old row in UPDATE.
 */
final class Literals {
  /** The {@code DEFAULT} keyword as a value. */
  static final Object DEFAULT = new Object();

  private Literals() {}

  /**
   * @param row values of the current row by lower-case column name, or null outside UPDATE
   */
  static Object eval(Expression e, Function<String, Object> row) {
    if (e instanceof NullValue) {
      return null;
    } else if (e instanceof LongValue l) {
      BigInteger b = l.getBigIntegerValue();
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    } else if (e instanceof DoubleValue d) {
      return new BigDecimal(d.toString());
    } else if (e instanceof StringValue s) {
      String prefix = s.getPrefix() == null ? "" : s.getPrefix().toLowerCase(Locale.ROOT);
      if (prefix.equals("b")) {
        return bits(s.getValue());
      }
      if (prefix.equals("x")) {
        return HexFormat.of().parseHex(s.getValue());
      }
      return unescape(s.getValue(), '\'');
    } else if (e instanceof HexValue h) {
      String digits = h.getDigits();
      return HexFormat.of().parseHex(digits.length() % 2 == 0 ? digits : "0" + digits);
    } else if (e instanceof BooleanValue b) {
      return b.getValue() ? 1L : 0L;
    } else if (e instanceof SignedExpression s) {
      Object v = eval(s.getExpression(), row);
      return s.getSign() == '-' ? negate(v) : v;
    } else if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1) {
      return eval(p.get(0), row);
    } else if (e instanceof TimeKeyExpression t) {
      return now(t.getStringValue());
    } else if (e instanceof net.sf.jsqlparser.expression.Function f) {
      return now(f.getName());
    } else if (e instanceof Column c) {
      return column(c, row);
    } else if (e instanceof Addition a) {
      return arithmetic(eval(a.getLeftExpression(), row), eval(a.getRightExpression(), row), 1);
    } else if (e instanceof Subtraction s) {
      return arithmetic(eval(s.getLeftExpression(), row), eval(s.getRightExpression(), row), -1);
    }
    throw new SqlException("unsupported expression '" + e + "'");
  }

  private static Object column(Column c, Function<String, Object> row) {
    String name = c.getColumnName();
    if (c.getTable() == null && name.equalsIgnoreCase("DEFAULT")) {
      return DEFAULT;
    }
    if (c.getTable() == null
        && name.length() >= 2
        && name.startsWith("\"")
        && name.endsWith("\"")) {
      return unescape(name.substring(1, name.length() - 1), '"'); // MySQL: "..." is a string
    }
    if (c.getTable() == null && (name.equalsIgnoreCase("TRUE") || name.equalsIgnoreCase("FALSE"))) {
      return name.equalsIgnoreCase("TRUE") ? 1L : 0L;
    }
    if (row == null) {
      throw new SqlException(
          "unknown column or unsupported expression '" + c + "' in a value list");
    }
    return row.apply(Identifiers.name(name));
  }

  private static Object now(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("\\s*\\(.*", "");
    if (n.equals("now")
        || n.equals("current_timestamp")
        || n.equals("localtimestamp")
        || n.equals("localtime")) {
      return LocalDateTime.now(ZoneOffset.UTC);
    }
    throw new SqlException("unsupported function '" + name + "'");
  }

  private static Object negate(Object v) {
    if (v instanceof Long l) {
      return l == Long.MIN_VALUE ? BigInteger.valueOf(l).negate() : (Object) (-l);
    }
    if (v instanceof BigInteger b) {
      BigInteger n = b.negate();
      return n.bitLength() < 64 ? (Object) n.longValue() : n;
    }
    if (v instanceof BigDecimal d) {
      return d.negate();
    }
    throw new SqlException("cannot negate " + v);
  }

  private static Object arithmetic(Object left, Object right, int sign) {
    if (left == null || right == null) {
      return null;
    }
    BigDecimal l = number(left);
    BigDecimal r = number(right);
    BigDecimal result = sign > 0 ? l.add(r) : l.subtract(r);
    if (result.scale() <= 0 || result.stripTrailingZeros().scale() <= 0) {
      BigInteger i = result.toBigInteger();
      return i.bitLength() < 64 ? (Object) i.longValue() : i;
    }
    return result;
  }

  private static BigDecimal number(Object v) {
    if (v instanceof Long l) {
      return BigDecimal.valueOf(l);
    } else if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    } else if (v instanceof BigDecimal d) {
      return d;
    } else if (v instanceof Double d) {
      return BigDecimal.valueOf(d);
    } else if (v instanceof String s) {
      try {
        return new BigDecimal(s.trim());
      } catch (NumberFormatException e) {
        throw new SqlException("'" + s + "' is not a number", e);
      }
    }
    throw new SqlException("cannot do arithmetic on " + v);
  }

  private static byte[] bits(String digits) {
    BigInteger v = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 2);
    byte[] raw = v.toByteArray();
    int bytes = Math.max(1, (digits.length() + 7) / 8);
    byte[] out = new byte[bytes];
    int copy = Math.min(raw.length, bytes);
    System.arraycopy(raw, raw.length - copy, out, bytes - copy, copy);
    return out;
  }

  /** Strips SQL quotes from an ENUM/SET member or comment ('a' or "a"). */
  static String unquote(String s) {
    if (s.length() >= 2
        && (s.charAt(0) == '\'' || s.charAt(0) == '"')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      return unescape(s.substring(1, s.length() - 1), s.charAt(0));
    }
    return s;
  }

  /** MySQL string escapes: doubled quotes and backslash sequences. */
  static String unescape(String s, char quote) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
        out.append(quote);
        i++;
      } else if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        out.append(
            switch (n) {
              case '0' -> '\0';
              case 'b' -> '\b';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'Z' -> (char) 26;
              case '%', '_' -> {
                out.append('\\');
                yield n;
              }
              default -> n;
            });
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A stored value as the Java value {@link #eval} would produce for it (UPDATE's old row). */
  static Object toJava(ColumnValue v, FieldType type) {
    if (v instanceof ColumnValue.Null) {
      return null;
    } else if (v instanceof ColumnValue.Int i) {
      return i.value();
    } else if (v instanceof ColumnValue.Uint u) {
      return u.value() >= 0 ? (Object) u.value() : new BigInteger(Long.toUnsignedString(u.value()));
    } else if (v instanceof ColumnValue.Float32 f) {
      return (double) f.value();
    } else if (v instanceof ColumnValue.Float64 f) {
      return f.value();
    } else if (v instanceof ColumnValue.Decimal d) {
      return d.value();
    } else if (v instanceof ColumnValue.Bytes b) {
      return Strings.isBinary(type) ? b.value() : b.asUtf8();
    } else if (v instanceof ColumnValue.Bit b) {
      return b.value();
    } else if (v instanceof ColumnValue.Json j) {
      return JsonText.format(j.value());
    } else if (v instanceof ColumnValue.Enum e) {
      return e.name();
    } else if (v instanceof ColumnValue.Set s) {
      return s.names();
    } else if (v instanceof ColumnValue.Time t) {
      return t.type() == MysqlType.DATE ? t.format() : t.format();
    } else if (v instanceof ColumnValue.Duration d) {
      return d.format();
    }
    throw new SqlException("cannot read back " + v);
  }
}
