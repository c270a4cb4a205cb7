package io.tidb.cdc.worker.pipeline;

import io.tidb.cdc.tidb.meta.ActionType;
import io.tidb.cdc.tidb.meta.DBInfo;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.filter.DdlSummary;
import io.tidb.cdc.worker.schema.ApplyResult;
import io.tidb.cdc.worker.schema.DdlJob;
import io.tidb.cdc.worker.schema.SchemaSnapshot;
import io.tidb.cdc.worker.schema.TableDef;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Turns an applied DDL job into the barrier entry and the sink's DDL event. Pure. */
public final class DdlEvents {
  private static final Set<ActionType> DATABASE_DDL =
      EnumSet.of(
          ActionType.CREATE_SCHEMA,
          ActionType.DROP_SCHEMA,
          ActionType.MODIFY_SCHEMA_CHARSET_AND_COLLATE,
          ActionType.RECOVER_SCHEMA);

  private DdlEvents() {}

  public static PendingDdl pending(ApplyResult.Applied applied, ChangefeedFilter filter) {
    DdlJob job = applied.job();
    return new PendingDdl(
        job.finishedTs(), event(applied, filter), applied.after(), job.toString());
  }

  /** The sink's event, empty when the filter drops it or the action is unknown to this build. */
  static Optional<DdlEvent> event(ApplyResult.Applied applied, ChangefeedFilter filter) {
    DdlJob job = applied.job();
    Optional<ActionType> action = job.action();
    if (action.isEmpty()) {
      return Optional.empty();
    }
    SchemaSnapshot before = applied.before();
    SchemaSnapshot after = applied.after();
    long schemaId = job.job().schemaId();
    String schema =
        after
            .database(schemaId)
            .or(() -> before.database(schemaId))
            .map(DBInfo::name)
            .map(Object::toString)
            .orElse(nullToEmpty(job.job().schemaName()));
    if (DATABASE_DDL.contains(action.get())) {
      DdlSummary summary =
          new DdlSummary(action.get(), schema, "", job.query(), job.job().startTs());
      return filter.shouldIgnoreDdl(summary)
          ? Optional.empty()
          : Optional.of(DdlEvent.of(action.get(), schema, "", job.query(), job.finishedTs()));
    }
    long tableId = job.job().tableId();
    Optional<TableDef> tableBefore = before.table(tableId);
    Optional<TableDef> tableAfter =
        after
            .table(tableId)
            .or(() -> tableBefore.flatMap(b -> after.table(b.schemaName(), b.name())));
    String table =
        tableAfter
            .or(() -> tableBefore)
            .map(TableDef::name)
            .orElse(nullToEmpty(job.job().tableName()));
    String tableSchema = tableAfter.or(() -> tableBefore).map(TableDef::schemaName).orElse(schema);
    DdlSummary summary =
        new DdlSummary(action.get(), tableSchema, table, job.query(), job.job().startTs());
    if (filter.shouldIgnoreDdl(summary)) {
      return Optional.empty();
    }
    return Optional.of(
        new DdlEvent(
            action.get(),
            tableSchema,
            table,
            job.query(),
            job.finishedTs(),
            tableAfter,
            tableBefore));
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
