package io.tidb.cdc.worker.sink.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * {@code DIR/checkpoint.json}: the changefeed checkpoint, as TiCDC's storage sink writes its {@code
 * metadata} file ({@code {"checkpoint-ts":N}}). Everything at or below it is in complete data
 * files.
 */
public final class CheckpointFile {
  /** The file name, directly in the sink's directory. */
  public static final String NAME = "checkpoint.json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CheckpointFile() {}

  static byte[] content(long ts) {
    return ("{\"checkpoint-ts\":" + Long.toUnsignedString(ts) + "}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * The checkpoint recorded in {@code dir}, empty when there is none yet.
   *
   * @throws IOException when the file cannot be read or does not hold a checkpoint
   */
  public static OptionalLong read(Path dir) throws IOException {
    Path file = dir.resolve(NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
    JsonNode ts;
    try {
      ts = MAPPER.readTree(bytes).get("checkpoint-ts");
    } catch (IOException e) {
      throw new IOException(file + " is not JSON: " + e.getMessage(), e);
    }
    if (ts == null || !ts.canConvertToExactIntegral()) {
      throw new IOException(file + " holds no \"checkpoint-ts\" number");
    }
    return OptionalLong.of(ts.bigIntegerValue().longValue());
  }
}
