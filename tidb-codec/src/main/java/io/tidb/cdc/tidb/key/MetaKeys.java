package io.tidb.cdc.tidb.key;

import io.tidb.cdc.tidb.codec.ByteWriter;
import io.tidb.cdc.tidb.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * The keys of TiDB's schema meta data ({@code pkg/meta/meta.go}), all under {@link
 * StructureKeys#META}:
 *
 * <pre>
 *   NextGlobalID, SchemaVersionKey, Diff:{version}  string data (decimal text / SchemaDiff JSON)
 *   DBs       hash: DB:{dbID}         -> DBInfo JSON
 *   DB:{dbID} hash: Table:{tableID}   -> TableInfo JSON
 *                   TID:{tableID}     -> auto-increment base (decimal text), IID:, TARID: likewise
 *   DDLJobHistory hash: 8-byte big-endian job ID -> Job JSON (TiDB before 6.2)
 * </pre>
 */
public final class MetaKeys {
  public static final String DBS = "DBs";
  public static final String DB_PREFIX = "DB";
  public static final String TABLE_PREFIX = "Table";
  public static final String AUTO_TABLE_ID_PREFIX = "TID";
  public static final String AUTO_INCREMENT_ID_PREFIX = "IID";
  public static final String AUTO_RANDOM_ID_PREFIX = "TARID";
  public static final String SCHEMA_VERSION = "SchemaVersionKey";
  public static final String NEXT_GLOBAL_ID = "NextGlobalID";
  public static final String SCHEMA_DIFF_PREFIX = "Diff";
  public static final String DDL_JOB_HISTORY = "DDLJobHistory";
  public static final String DDL_JOB_LIST = "DDLJobList";

  private static final StructureKeys META = StructureKeys.META;

  private MetaKeys() {}

  /** {@code DB:{dbID}}: the field of a database in {@code DBs}, and the name of its own hash. */
  public static byte[] databaseField(long dbId) {
    return utf8(DB_PREFIX + ":" + dbId);
  }

  /** {@code Table:{tableID}}: the field of a table in its database's hash. */
  public static byte[] tableField(long tableId) {
    return utf8(TABLE_PREFIX + ":" + tableId);
  }

  /** The key holding a database's DBInfo JSON. */
  public static byte[] databaseKey(long dbId) {
    return META.hashDataKey(utf8(DBS), databaseField(dbId));
  }

  /** The span of every database entry (scan it to list databases). */
  public static KeySpan databasesSpan() {
    return META.hashDataSpan(utf8(DBS));
  }

  /** The key holding a table's TableInfo JSON. */
  public static byte[] tableKey(long dbId, long tableId) {
    return META.hashDataKey(databaseField(dbId), tableField(tableId));
  }

  /** The span of a database's hash: its tables and their auto-ID counters. */
  public static KeySpan databaseEntriesSpan(long dbId) {
    return META.hashDataSpan(databaseField(dbId));
  }

  /** The key of a table's auto-increment base ({@code TID:{tableID}} in the database hash). */
  public static byte[] autoTableIdKey(long dbId, long tableId) {
    return META.hashDataKey(databaseField(dbId), utf8(AUTO_TABLE_ID_PREFIX + ":" + tableId));
  }

  public static byte[] schemaVersionKey() {
    return META.stringDataKey(utf8(SCHEMA_VERSION));
  }

  public static byte[] nextGlobalIdKey() {
    return META.stringDataKey(utf8(NEXT_GLOBAL_ID));
  }

  /** The key of the SchemaDiff written for schema version {@code version}. */
  public static byte[] schemaDiffKey(long version) {
    return META.stringDataKey(utf8(SCHEMA_DIFF_PREFIX + ":" + version));
  }

  /** The key of a finished job in the history hash of TiDB before 6.2. */
  public static byte[] historyJobKey(long jobId) {
    return META.hashDataKey(utf8(DDL_JOB_HISTORY), jobIdField(jobId));
  }

  /** A job ID as TiDB writes it as a hash field: 8 bytes big-endian. */
  public static byte[] jobIdField(long jobId) {
    return new ByteWriter(8).writeLongBigEndian(jobId).toByteArray();
  }

  /** Parses {@code DB:{id}}; empty if the field is something else. */
  public static OptionalLong parseDatabaseField(byte[] field) {
    return parseIdField(field, DB_PREFIX);
  }

  /** Parses {@code Table:{id}}; empty if the field is something else (e.g. {@code TID:7}). */
  public static OptionalLong parseTableField(byte[] field) {
    return parseIdField(field, TABLE_PREFIX);
  }

  /** Integer meta values (versions, IDs, auto-ID bases) are decimal text. */
  public static byte[] encodeIntValue(long v) {
    return utf8(Long.toString(v));
  }

  public static long decodeIntValue(byte[] value) {
    String s = new String(value, StandardCharsets.UTF_8);
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new CodecException("meta value is not a decimal integer: '" + s + "'", e);
    }
  }

  private static OptionalLong parseIdField(byte[] field, String prefix) {
    String s = new String(field, StandardCharsets.UTF_8);
    if (!s.startsWith(prefix + ":")) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(s.substring(prefix.length() + 1)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
