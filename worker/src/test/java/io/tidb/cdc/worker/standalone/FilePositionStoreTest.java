package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePositionStoreTest {
  @TempDir Path dir;

  @Test
  void savesAndLoadsAndLeavesNoTemporaryFile() throws IOException {
    FilePositionStore s = new FilePositionStore(dir.resolve("cf"), "default/demo");
    assertThat(s.loadCheckpoint()).isEmpty();
    s.saveCheckpoint(445_000_000_000_000_000L);
    s.saveCheckpoint(445_000_000_000_000_123L);
    assertThat(new FilePositionStore(dir.resolve("cf"), "default/demo").loadCheckpoint())
        .hasValue(445_000_000_000_000_123L);
    try (var files = Files.list(dir.resolve("cf"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint.json");
    }
    assertThat(Files.readString(s.file())).contains("\"checkpointTime\"");
  }

  @Test
  void refusesAnotherChangefeedsFileAndGarbage() throws IOException {
    new FilePositionStore(dir, "default/a").saveCheckpoint(5);
    assertThatThrownBy(() -> new FilePositionStore(dir, "default/b").loadCheckpoint())
        .hasMessageContaining("belongs to changefeed 'default/a'");
    Files.writeString(dir.resolve("checkpoint.json"), "{\"checkpointTs\": -1}");
    assertThatThrownBy(() -> new FilePositionStore(dir, "default/a").loadCheckpoint())
        .hasMessageContaining("no positive checkpointTs");
    Files.writeString(dir.resolve("checkpoint.json"), "{");
    assertThatThrownBy(() -> new FilePositionStore(dir, "default/a").loadCheckpoint())
        .hasMessageContaining("is not a checkpoint file");
  }

  @Test
  void aDataDirectoryHasOneOwner() throws IOException {
    try (DataDirLock first = DataDirLock.acquire(dir)) {
      assertThat(first).isNotNull();
      assertThatThrownBy(() -> DataDirLock.acquire(dir))
          .hasMessageContaining("in use by another standalone process");
    }
    DataDirLock.acquire(dir).close();
  }
}
