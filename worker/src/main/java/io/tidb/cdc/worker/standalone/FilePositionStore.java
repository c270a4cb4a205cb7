package io.tidb.cdc.worker.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.worker.pipeline.PositionStore;
import io.tidb.cdc.worker.pipeline.Tso;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * The checkpoint of one changefeed in {@code DIR/checkpoint.json}: {@code {"changefeed": "ns/name",
 * "checkpointTs": N, "checkpointTime": "..."}}. Saves write a temporary file, sync it and rename it
 * over the old one, then sync the directory, so after {@code kill -9} or a power loss the file
 * holds the old or the new checkpoint, never a torn one.
 */
public final class FilePositionStore implements PositionStore {
  public static final String FILE = "checkpoint.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String changefeed;

  public FilePositionStore(Path dir, String changefeed) {
    this.dir = dir;
    this.changefeed = changefeed;
  }

  public Path file() {
    return dir.resolve(FILE);
  }

  @Override
  public OptionalLong loadCheckpoint() throws IOException {
    JsonNode node;
    try {
      node = JSON.readTree(Files.readAllBytes(file()));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new IOException(file() + " is not a checkpoint file: " + e.getMessage(), e);
    }
    JsonNode ts = node == null ? null : node.get("checkpointTs");
    if (ts == null || !ts.canConvertToLong() || ts.asLong() <= 0) {
      throw new IOException(file() + " holds no positive checkpointTs");
    }
    String owner = node.path("changefeed").asText("");
    if (!owner.equals(changefeed)) {
      throw new IOException(
          file()
              + " belongs to changefeed '"
              + owner
              + "', not '"
              + changefeed
              + "'; use another --data-dir");
    }
    return OptionalLong.of(ts.asLong());
  }

  @Override
  public void saveCheckpoint(long checkpointTs) throws IOException {
    Files.createDirectories(dir);
    ObjectNode node = JSON.createObjectNode();
    node.put("changefeed", changefeed);
    node.put("checkpointTs", checkpointTs);
    node.put("checkpointTime", Tso.toInstant(checkpointTs).toString());
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    Path tmp = dir.resolve(FILE + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file(), StandardCopyOption.REPLACE_EXISTING);
    }
    syncDirectory(dir);
  }

  /** Makes the rename durable; some file systems refuse to open a directory, which is harmless. */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Not supported here (e.g. some platforms); the rename itself is still atomic.
    }
  }
}
