package io.tidb.cdc.coord;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Encodes and decodes the values under {@link EtcdLayout}. Unknown fields are ignored on read (an
 * operator and workers one version apart still understand each other); nulls are not written.
 */
public final class CoordinationJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private CoordinationJson() {}

  public static byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot encode " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes a value.
   *
   * @throws CoordinationFormatException naming the key and what is wrong
   */
  public static <T> T decode(String key, byte[] json, Class<T> type) {
    try {
      T value = MAPPER.readValue(json, type);
      if (value == null) {
        throw new CoordinationFormatException(key, "holds null, expected " + type.getSimpleName());
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new CoordinationFormatException(
          key, "is not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new CoordinationFormatException(key, "cannot be read: " + e.getMessage());
    }
  }

  /** The mapper, for callers that need trees (the changefeed document). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
