package io.tidb.cdc.tidb.meta;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidb.cdc.tidb.codec.CodecException;
import java.io.IOException;

/**
 * JSON (de)serialization of TiDB's meta model with Go's {@code encoding/json} conventions: field
 * names match case-insensitively on input, unknown fields are ignored, nulls are written.
 */
public final class MetaJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private MetaJson() {}

  /** The configured mapper, for callers that need trees or other types. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new CodecException("invalid " + type.getSimpleName() + " JSON: " + e.getMessage(), e);
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new CodecException(
          "cannot serialize " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(),
          e);
    }
  }

  public static TableInfo readTableInfo(byte[] json) {
    return read(json, TableInfo.class);
  }

  public static DBInfo readDbInfo(byte[] json) {
    return read(json, DBInfo.class);
  }

  public static Job readJob(byte[] json) {
    return read(json, Job.class);
  }

  public static SchemaDiff readSchemaDiff(byte[] json) {
    return read(json, SchemaDiff.class);
  }
}
