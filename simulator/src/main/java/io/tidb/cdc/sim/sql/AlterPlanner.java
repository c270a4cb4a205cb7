package io.tidb.cdc.sim.sql;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.ddl.ColumnTasks;
import io.tidb.cdc.sim.ddl.DdlTask;
import io.tidb.cdc.sim.ddl.IndexTasks;
import io.tidb.cdc.sim.table.TableRows;
import io.tidb.cdc.sim.txn.KvStore;
import io.tidb.cdc.sim.txn.Txn;
import io.tidb.cdc.tidb.key.Handle;
import io.tidb.cdc.tidb.key.KeySpan;
import io.tidb.cdc.tidb.key.TableKeys;
import io.tidb.cdc.tidb.meta.CIStr;
import io.tidb.cdc.tidb.meta.ColumnInfo;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.tidb.meta.IndexColumn;
import io.tidb.cdc.tidb.meta.IndexInfo;
import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.tidb.types.ColumnFlag;
import io.tidb.cdc.tidb.types.MysqlType;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.Index;

/** ALTER TABLE ADD/DROP COLUMN and ADD/DROP INDEX, one change per statement. */
final class AlterPlanner {
  private AlterPlanner() {}

  static DdlTask plan(Alter alter, DBInfo db, TableInfo t, String text, KvStore store) {
    List<AlterExpression> exprs = alter.getAlterExpressions();
    if (exprs == null || exprs.size() != 1) {
      throw new SqlException(
          "ALTER TABLE with several changes (multi-schema change) is not supported; use one ALTER per change");
    }
    AlterExpression e = exprs.get(0);
    if (e.getOperation() == AlterOperation.ADD) {
      if (e.getColDataTypeList() != null) {
        return addColumn(e, db, t, text);
      }
      return addIndex(e, db, t, text, store);
    }
    if (e.getOperation() == AlterOperation.DROP) {
      if (e.getIndex() != null) {
        return dropIndex(e.getIndex().getName(), db, t, text);
      }
      if (e.getColumnName() != null) {
        return dropColumn(Identifiers.strip(e.getColumnName()), db, t, text);
      }
    }
    throw new SqlException("unsupported ALTER TABLE operation '" + e + "'");
  }

  private static DdlTask addColumn(AlterExpression e, DBInfo db, TableInfo t, String text) {
    if (e.getColDataTypeList().size() != 1) {
      throw new SqlException("add one column per ALTER TABLE statement");
    }
    ColumnDefinition cd = e.getColDataTypeList().get(0);
    List<String> specs =
        new ArrayList<>(cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs());
    ColumnTasks.Position pos = ColumnTasks.Position.end();
    for (int i = 0; i < specs.size(); i++) {
      String w = specs.get(i).toLowerCase(Locale.ROOT);
      if (w.equals("first")) {
        pos = new ColumnTasks.Position(ColumnTasks.Position.FIRST, null);
        specs.remove(i--);
      } else if (w.equals("after") && i + 1 < specs.size()) {
        String rel = Identifiers.strip(specs.get(i + 1));
        if (t.column(rel).filter(ColumnInfo::isPublic).isEmpty()) {
          throw new SqlException("unknown column '" + rel + "' in AFTER");
        }
        pos =
            new ColumnTasks.Position(
                ColumnTasks.Position.AFTER, t.column(rel).orElseThrow().name().original());
        specs.remove(i + 1);
        specs.remove(i--);
      }
    }
    ColumnDefinition trimmed = new ColumnDefinition(cd.getColumnName(), cd.getColDataType(), specs);
    ColumnDef def =
        ColumnDefinitions.read(trimmed, new Charsets.Defaults(t.charset(), t.collate()));
    if (t.column(def.name()).isPresent()) {
      throw new SqlException("duplicate column name '" + def.name() + "'");
    }
    if (def.primaryKey() || def.unique() || def.autoIncrement()) {
      throw new SqlException(
          "ADD COLUMN with PRIMARY KEY, UNIQUE or AUTO_INCREMENT is not supported");
    }
    ColumnInfo c = TableDefinitions.column(def, 0, 0, def.type().flag());
    boolean notNull = ColumnFlag.has(c.type().flag(), ColumnFlag.NOT_NULL);
    if (notNull && c.defaultValue() == null) {
      throw new SqlException(
          "ADD COLUMN '" + def.name() + "' NOT NULL needs a DEFAULT in the simulator");
    }
    Object origin = c.defaultValue();
    if (origin instanceof String s && s.toUpperCase(Locale.ROOT).startsWith("CURRENT_TIMESTAMP")) {
      origin =
          LocalDateTime.now(ZoneOffset.UTC)
              .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }
    ColumnInfo added =
        new ColumnInfo(
            c.id(),
            c.name(),
            c.offset(),
            origin,
            c.defaultBit(),
            c.defaultValue(),
            c.defaultBit(),
            c.defaultIsExpr(),
            c.generatedExprString(),
            c.generatedStored(),
            c.dependences(),
            c.type(),
            c.state(),
            c.comment(),
            c.hidden(),
            c.changeStateInfo(),
            c.version());
    return ColumnTasks.add(db, t, added, pos, text);
  }

  private static DdlTask dropColumn(String name, DBInfo db, TableInfo t, String text) {
    ColumnInfo c =
        t.column(name)
            .filter(ColumnInfo::isPublic)
            .orElseThrow(
                () -> new SqlException("can't drop column '" + name + "'; check that it exists"));
    if (t.publicColumns().size() == 1) {
      throw new SqlException("can't drop the only column of '" + t.name() + "'; use DROP TABLE");
    }
    if (ColumnFlag.has(c.type().flag(), ColumnFlag.PRI_KEY)) {
      throw new SqlException("can't drop column '" + name + "': it is part of the primary key");
    }
    for (IndexInfo idx : t.indices()) {
      boolean covers =
          idx.columns().stream().anyMatch(ic -> ic.name().lower().equals(c.name().lower()));
      if (covers && idx.columns().size() > 1) {
        throw new SqlException(
            "can't drop column '" + name + "' with composite index '" + idx.name() + "' covered");
      }
    }
    return ColumnTasks.drop(db, t, c, text);
  }

  private static DdlTask addIndex(
      AlterExpression e, DBInfo db, TableInfo t, String text, KvStore store) {
    String name;
    List<IndexColumn> cols = new ArrayList<>();
    boolean unique;
    if (e.getUkColumns() != null) {
      unique = true;
      name = e.getUkName() == null ? null : Identifiers.strip(e.getUkName());
      for (String c : e.getUkColumns()) {
        cols.add(indexColumn(t, Identifiers.strip(c), -1));
      }
    } else if (e.getIndex() != null) {
      Index idx = e.getIndex();
      String type = idx.getType() == null ? "" : idx.getType().toUpperCase(Locale.ROOT);
      if (type.contains("PRIMARY") || type.contains("FOREIGN") || type.contains("FULLTEXT")) {
        throw new SqlException("ALTER TABLE ADD " + type + " is not supported");
      }
      unique = type.contains("UNIQUE");
      name = idx.getName() == null ? null : Identifiers.strip(idx.getName());
      for (Index.ColumnParams p : idx.getColumns()) {
        int length =
            p.getParams() == null || p.getParams().isEmpty()
                ? -1
                : Integer.parseInt(p.getParams().get(0).replaceAll("[()]", ""));
        cols.add(indexColumn(t, Identifiers.strip(p.getColumnName()), length));
      }
    } else {
      throw new SqlException("unsupported ALTER TABLE ADD '" + e + "'");
    }
    Set<String> names = new HashSet<>();
    t.indices().forEach(i -> names.add(i.name().lower()));
    if (name == null) {
      name = cols.get(0).name().original();
      for (int i = 2; names.contains(name.toLowerCase(Locale.ROOT)); i++) {
        name = cols.get(0).name().original() + "_" + i;
      }
    } else if (names.contains(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("PRIMARY")) {
      throw new SqlException("duplicate key name '" + name + "'");
    }
    if (unique) {
      checkUnique(t, name, cols, store);
    }
    return IndexTasks.add(db, t, name, cols, unique, text);
  }

  private static IndexColumn indexColumn(TableInfo t, String name, int length) {
    ColumnInfo c =
        t.column(name)
            .filter(ColumnInfo::isPublic)
            .orElseThrow(
                () -> new SqlException("key column '" + name + "' doesn't exist in table"));
    int tp = c.type().tp();
    boolean blob =
        tp == MysqlType.TINY_BLOB
            || tp == MysqlType.BLOB
            || tp == MysqlType.MEDIUM_BLOB
            || tp == MysqlType.LONG_BLOB
            || tp == MysqlType.JSON;
    if (blob && length < 0) {
      throw new SqlException(
          "BLOB/TEXT/JSON column '" + name + "' used in key specification without a key length");
    }
    return new IndexColumn(CIStr.of(c.name().original()), c.offset(), length);
  }

  /** Refuses a unique index the existing rows violate (TiDB would roll the job back). */
  private static void checkUnique(TableInfo t, String name, List<IndexColumn> cols, KvStore store) {
    IndexInfo probe =
        IndexInfo.of(
            Long.MAX_VALUE >>> 16, name, t.name().original(), cols, IndexInfo.IndexKind.UNIQUE);
    Txn read = Txn.begin(store);
    KeySpan span = TableKeys.recordSpan(t.id());
    Set<String> seen = new HashSet<>();
    for (KvStore.KvPair p :
        read.scan(ByteString.copyFrom(span.start()), ByteString.copyFrom(span.end()))) {
      Handle h = TableKeys.decodeRecordKey(p.key().toByteArray()).handle();
      var row = TableRows.decode(t, h, p.value().toByteArray());
      var key = TableRows.uniqueKey(t, probe, row);
      if (key.isPresent() && !seen.add(HexFormat.of().formatHex(key.get()))) {
        throw new SqlException(
            "can't add unique index '" + name + "': existing rows have duplicate values");
      }
    }
  }

  private static DdlTask dropIndex(String rawName, DBInfo db, TableInfo t, String text) {
    String name = Identifiers.strip(rawName);
    if (name.equalsIgnoreCase("PRIMARY")) {
      throw new SqlException("dropping the primary key is not supported");
    }
    IndexInfo idx =
        t.indices().stream()
            .filter(i -> i.name().lower().equals(name.toLowerCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(
                () -> new SqlException("can't drop index '" + name + "'; check that it exists"));
    return IndexTasks.drop(db, t, idx, text);
  }
}
