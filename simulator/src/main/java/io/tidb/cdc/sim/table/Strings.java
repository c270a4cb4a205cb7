package io.tidb.cdc.sim.table;

import io.tidb.cdc.tidb.row.ColumnValue;
import io.tidb.cdc.tidb.types.FieldType;
import io.tidb.cdc.tidb.types.MysqlType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * String and binary columns: stored bytes (UTF-8 for every text charset, raw for binary), length
 * checks, and the sort keys TiDB's new collations put into index keys and common handles.
 *
 * <p>Sort keys are exact for {@code binary}, the PAD SPACE {@code *_bin} collations (trailing
 * spaces removed) and {@code utf8mb4_0900_bin}. For case-insensitive collations ({@code *_ci}) the
 * simulator keeps the trimmed bytes instead of TiDB's weight strings: keys still sort and compare
 * per value, but are not byte-identical to TiDB's.
 */
public final class Strings {
  private static final long TINY_MAX = 255;
  private static final long BLOB_MAX = 65_535;
  private static final long MEDIUM_MAX = 16_777_215;
  private static final long LONG_MAX = 4_294_967_295L;

  private Strings() {}

  static ColumnValue toStored(Object v, FieldType t) {
    boolean binary = isBinary(t);
    byte[] bytes;
    if (v instanceof byte[] b) {
      bytes = b.clone();
    } else if (v instanceof String s) {
      bytes = s.getBytes(StandardCharsets.UTF_8);
    } else if (v instanceof Number || v instanceof Boolean) {
      bytes = v.toString().getBytes(StandardCharsets.UTF_8);
    } else {
      throw new ValueException("cannot store " + ColumnValues.describe(v) + " in a string column");
    }
    int tp = t.tp();
    if (tp == MysqlType.STRING || tp == MysqlType.VARCHAR || tp == MysqlType.VAR_STRING) {
      long length = binary ? bytes.length : characters(bytes);
      int max = t.flen() < 0 ? (tp == MysqlType.STRING ? 1 : Integer.MAX_VALUE) : t.flen();
      if (length > max) {
        throw new ValueException(
            "data too long: " + length + (binary ? " bytes" : " characters") + " > " + max);
      }
      if (tp == MysqlType.STRING && binary && bytes.length < max) {
        bytes = Arrays.copyOf(bytes, max); // BINARY(n) pads with 0x00
      } else if (tp == MysqlType.STRING && !binary) {
        bytes = trimTrailingSpaces(bytes); // CHAR drops trailing spaces
      }
    } else {
      long max = blobMax(tp);
      if (bytes.length > max) {
        throw new ValueException("data too long: " + bytes.length + " bytes > " + max);
      }
    }
    return new ColumnValue.Bytes(bytes);
  }

  private static long blobMax(int tp) {
    return switch (tp) {
      case MysqlType.TINY_BLOB -> TINY_MAX;
      case MysqlType.BLOB -> BLOB_MAX;
      case MysqlType.MEDIUM_BLOB -> MEDIUM_MAX;
      default -> LONG_MAX;
    };
  }

  private static long characters(byte[] utf8) {
    String s = new String(utf8, StandardCharsets.UTF_8);
    return s.codePointCount(0, s.length());
  }

  /** Whether the column holds raw bytes (binary charset / collation). */
  public static boolean isBinary(FieldType t) {
    return "binary".equalsIgnoreCase(t.collate()) || "binary".equalsIgnoreCase(t.charset());
  }

  /** ENUM/SET member comparison under the column's collation. */
  static boolean sameText(String member, String value, FieldType t) {
    String collate = t.collate() == null ? "" : t.collate().toLowerCase(Locale.ROOT);
    String a = stripTrailingSpaces(member);
    String b = stripTrailingSpaces(value);
    return collate.endsWith("_ci") ? a.equalsIgnoreCase(b) : a.equals(b);
  }

  /**
   * The bytes TiDB's {@code EncodeKey} writes for a string of this column in index keys and common
   * handles ({@code collator.Key}).
   */
  public static byte[] sortKey(byte[] value, FieldType t) {
    String collate = t.collate() == null ? "binary" : t.collate().toLowerCase(Locale.ROOT);
    if (collate.equals("binary") || collate.equals("utf8mb4_0900_bin")) {
      return value;
    }
    return trimTrailingSpaces(value);
  }

  /**
   * TiDB's {@code types.NeedRestoredData}: with new collations, non-binary strings other than CHAR
   * under a {@code _bin} collation cannot be rebuilt from their sort key.
   */
  public static boolean needsRestoredData(FieldType t) {
    if (!MysqlType.isString(t.tp()) || isBinary(t)) {
      return false;
    }
    String collate = t.collate() == null ? "" : t.collate().toLowerCase(Locale.ROOT);
    boolean binCollation = collate.endsWith("_bin");
    boolean varchar = t.tp() == MysqlType.VARCHAR || t.tp() == MysqlType.VAR_STRING;
    return (!binCollation || varchar) && !collate.equals("utf8mb4_0900_bin");
  }

  private static byte[] trimTrailingSpaces(byte[] b) {
    int end = b.length;
    while (end > 0 && b[end - 1] == ' ') {
      end--;
    }
    return end == b.length ? b : Arrays.copyOf(b, end);
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
