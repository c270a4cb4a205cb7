package io.tidb.cdc.worker.schema;

import io.tidb.cdc.tidb.codec.CodecException;
import io.tidb.cdc.tidb.key.MetaKeys;
import io.tidb.cdc.tidb.key.StructureKey;
import io.tidb.cdc.tidb.key.StructureKeys;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.MetaJson;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the schema TiDB had at a ts from its meta keys: the {@code DBs} hash for databases, each
 * {@code DB:{id}} hash for its {@code Table:{id}} entries, and the schema version.
 */
public final class SnapshotLoader {
  private SnapshotLoader() {}

  /**
   * The schema at {@code ts}.
   *
   * @throws MetaReadException when TiKV cannot be read
   * @throws SchemaException when a meta value is not valid JSON of its kind
   */
  public static SchemaSnapshot load(MetaReader reader, long ts) throws MetaReadException {
    long version = schemaVersion(reader, ts);
    List<DBInfo> dbs = new ArrayList<>();
    for (MetaReader.KeyValue kv : reader.scan(span(MetaKeys.databasesSpan()), ts)) {
      dbs.add(parse(kv, "database", MetaJson::readDbInfo));
    }
    Map<Long, List<TableInfo>> tables = new HashMap<>();
    for (DBInfo db : dbs) {
      List<TableInfo> infos = new ArrayList<>();
      for (MetaReader.KeyValue kv : reader.scan(span(MetaKeys.databaseEntriesSpan(db.id())), ts)) {
        if (isTableField(kv.key())) {
          infos.add(parse(kv, "table", MetaJson::readTableInfo));
        }
      }
      tables.put(db.id(), infos);
    }
    try {
      return SchemaSnapshot.of(ts, version, dbs, tables);
    } catch (SchemaException e) {
      throw new SchemaException("inconsistent meta data at ts " + ts + ": " + e.getMessage(), e);
    }
  }

  /**
   * TiDB's schema version at {@code ts}. TiDB bumps the version key before the job that uses it
   * commits its diff; a version without its {@code Diff:{version}} is not visible yet, so the
   * version before it is the one in force (as TiCDC reads it).
   */
  static long schemaVersion(MetaReader reader, long ts) throws MetaReadException {
    Optional<Bytes> raw = reader.get(Bytes.copyOf(MetaKeys.schemaVersionKey()), ts);
    if (raw.isEmpty()) {
      return 0;
    }
    long version;
    try {
      version = MetaKeys.decodeIntValue(raw.get().toByteArray());
    } catch (CodecException e) {
      throw new SchemaException("schema version at ts " + ts + ": " + e.getMessage(), e);
    }
    if (version > 0 && reader.get(Bytes.copyOf(MetaKeys.schemaDiffKey(version)), ts).isEmpty()) {
      version--;
    }
    return version;
  }

  private static boolean isTableField(Bytes key) {
    StructureKey k;
    try {
      k = StructureKeys.META.decode(key.toByteArray());
    } catch (CodecException e) {
      throw new SchemaException(
          "meta key " + key + " is not a structure key: " + e.getMessage(), e);
    }
    return k.kind() == StructureKey.Kind.HASH_DATA
        && MetaKeys.parseTableField(k.field()).isPresent();
  }

  private static <T> T parse(MetaReader.KeyValue kv, String what, Parser<T> parser) {
    try {
      return parser.parse(kv.value().toByteArray());
    } catch (CodecException e) {
      throw new SchemaException(
          "meta key " + kv.key() + " holds no valid " + what + " info: " + e.getMessage(), e);
    }
  }

  private static KeySpan span(io.tidb.cdc.tidb.key.KeySpan s) {
    return KeySpan.of(Bytes.copyOf(s.start()), Bytes.copyOf(s.end()));
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(byte[] json);
  }
}
