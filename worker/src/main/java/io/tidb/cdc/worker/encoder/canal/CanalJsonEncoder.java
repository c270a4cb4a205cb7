package io.tidb.cdc.worker.encoder.canal;

import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.encoder.EncodeException;
import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.Message;
import io.tidb.cdc.worker.encoder.MessageKind;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.json.JsonWriter;
import io.tidb.cdc.worker.mounter.Column;
import io.tidb.cdc.worker.mounter.RowChange;
import io.tidb.cdc.worker.mounter.RowChangeType;
import io.tidb.cdc.worker.schema.ColumnAttr;
import io.tidb.cdc.worker.schema.ColumnDef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TiCDC's canal-json encoder. A row message lists {@code id, database, table, pkNames, isDdl, type,
 * es, ts, sql, sqlType, mysqlType, old, data} and, with the TiDB extension, {@code _tidb.commitTs}
 * (TiCDC writes {@code old} before {@code data} for rows since v6.5). DDL and watermark messages
 * follow TiCDC's {@code JSONMessage} struct order, where {@code data} comes before {@code old}.
 * {@code es} is the commit ts's physical milliseconds, {@code ts} the build time. One deliberate
 * difference: TiCDC fills {@code mysqlType} from a Go map, so its key order is random; here it
 * follows the column order, like {@code sqlType}.
 */
public final class CanalJsonEncoder implements Encoder {
  static final String WATERMARK_TYPE = "TIDB_WATERMARK";

  private final EncoderConfig config;

  public CanalJsonEncoder(EncoderConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public Protocol protocol() {
    return Protocol.CANAL_JSON;
  }

  @Override
  public Message encodeRow(RowChange row) {
    boolean delete = row.type() == RowChangeType.DELETE;
    boolean update = row.type() == RowChangeType.UPDATE && !row.preColumns().isEmpty();
    List<Column> image = delete ? row.preColumns() : row.columns();
    if (image.isEmpty()) {
      throw new EncodeException(
          "canal-json: "
              + row
              + " has no columns to encode (a "
              + row.type()
              + " needs the "
              + (delete ? "row before the change" : "row after the change")
              + ")");
    }
    List<Column> cols = image;
    if (delete && config.deleteOnlyHandleKeyColumns()) {
      cols = image.stream().filter(c -> c.has(ColumnAttr.HANDLE_KEY)).toList();
    }
    List<byte[]> values = new ArrayList<>(cols.size());
    for (Column c : cols) {
      values.add(CanalValues.goString(c.def(), c.value(), config.timeZone()));
    }

    JsonWriter w = JsonWriter.compact();
    w.beginObject();
    header(w, row.schemaName(), row.tableName());
    w.name("pkNames").beginArray();
    for (ColumnDef c : row.table().columns()) {
      if (c.has(ColumnAttr.PRIMARY_KEY)) {
        w.value(c.name());
      }
    }
    w.endArray();
    w.name("isDdl").value(false);
    w.name("type").value(delete ? "DELETE" : update ? "UPDATE" : "INSERT");
    w.name("es").value(row.commitTs() >>> 18);
    w.name("ts").value(config.clock().millis());
    w.name("sql").value("");
    w.name("sqlType");
    if (cols.isEmpty()) {
      w.nullValue();
    } else {
      w.beginObject();
      for (Column c : cols) {
        w.name(c.name()).value(CanalValues.javaType(c.def(), c.value()));
      }
      w.endObject();
    }
    w.name("mysqlType");
    if (cols.isEmpty()) {
      w.nullValue();
    } else {
      w.beginObject();
      for (Column c : cols) {
        w.name(c.name()).value(CanalValues.mysqlType(c.def()));
      }
      w.endObject();
    }
    w.name("old");
    if (update) {
      writeOld(w, row, cols, values);
    } else {
      w.nullValue();
    }
    w.name("data").beginArray().beginObject();
    for (int i = 0; i < cols.size(); i++) {
      writeValue(w, cols.get(i).name(), values.get(i));
    }
    w.endObject().endArray();
    if (config.enableTidbExtension()) {
      w.name("_tidb").beginObject().name("commitTs").valueUnsigned(row.commitTs()).endObject();
    }
    w.endObject();
    return new Message(
        MessageKind.ROW,
        row.schemaName(),
        row.tableName(),
        row.commitTs(),
        1,
        null,
        w.toByteArray());
  }

  /** The row before the change, by column; with only-output-updated-columns, changed ones only. */
  private void writeOld(JsonWriter w, RowChange row, List<Column> cols, List<byte[]> newValues) {
    Map<Long, Column> before = new HashMap<>();
    for (Column c : row.preColumns()) {
      before.put(c.id(), c);
    }
    w.beginArray().beginObject();
    for (int i = 0; i < cols.size(); i++) {
      Column pre = before.get(cols.get(i).id());
      byte[] old =
          pre == null ? null : CanalValues.goString(pre.def(), pre.value(), config.timeZone());
      if (config.onlyOutputUpdatedColumns() && Arrays.equals(old, newValues.get(i))) {
        continue;
      }
      writeValue(w, cols.get(i).name(), old);
    }
    w.endObject().endArray();
  }

  private static void writeValue(JsonWriter w, String name, byte[] goString) {
    w.name(name);
    if (goString == null) {
      w.nullValue();
    } else {
      w.valueGoString(goString);
    }
  }

  @Override
  public Message encodeDdl(DdlEvent ddl) {
    JsonWriter w = JsonWriter.compact();
    w.beginObject();
    header(w, ddl.schema(), ddl.table());
    w.name("pkNames").nullValue();
    structTail(w, true, CanalEventType.of(ddl.type()).name(), ddl.commitTs(), ddl.query());
    if (config.enableTidbExtension()) {
      w.name("_tidb").beginObject().name("commitTs").valueUnsigned(ddl.commitTs()).endObject();
    }
    w.endObject();
    return new Message(
        MessageKind.DDL, ddl.schema(), ddl.table(), ddl.commitTs(), 0, null, w.toByteArray());
  }

  @Override
  public Optional<Message> encodeWatermark(long ts) {
    if (!config.enableTidbExtension()) {
      return Optional.empty(); // plain canal-json has no watermark
    }
    JsonWriter w = JsonWriter.compact();
    w.beginObject();
    header(w, "", "");
    w.name("pkNames").nullValue();
    structTail(w, false, WATERMARK_TYPE, ts, "");
    w.name("_tidb").beginObject().name("watermarkTs").valueUnsigned(ts).endObject();
    w.endObject();
    return Optional.of(new Message(MessageKind.WATERMARK, "", "", ts, 0, null, w.toByteArray()));
  }

  /** {@code id}, {@code database} and {@code table}, the start of every message. */
  private static void header(JsonWriter w, String schema, String table) {
    w.name("id").value(0L);
    w.name("database").value(schema);
    w.name("table").value(table);
  }

  /**
   * The rest of TiCDC's {@code JSONMessage} struct after {@code pkNames}, for DDL and watermarks.
   */
  private void structTail(JsonWriter w, boolean ddl, String type, long ts, String sql) {
    w.name("isDdl").value(ddl);
    w.name("type").value(type);
    w.name("es").value(ts >>> 18);
    w.name("ts").value(config.clock().millis());
    w.name("sql").value(sql);
    w.name("sqlType").nullValue();
    w.name("mysqlType").nullValue();
    w.name("data").nullValue();
    w.name("old").nullValue();
  }
}
