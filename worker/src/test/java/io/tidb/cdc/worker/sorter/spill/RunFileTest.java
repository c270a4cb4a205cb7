package io.tidb.cdc.worker.sorter.spill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.OpType;
import io.tidb.cdc.worker.event.RawKvEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFileTest {
  @TempDir Path dir;

  @Test
  void roundTripsEveryFieldAndDeletesOnClose() throws IOException {
    List<RawKvEvent> events =
        List.of(
            new RawKvEvent(
                OpType.PUT, Bytes.fromHex("01"), Bytes.fromHex("aabb"), Bytes.EMPTY, 5, 9, 3),
            new RawKvEvent(
                OpType.DELETE, Bytes.fromHex("02"), Bytes.EMPTY, Bytes.fromHex("cc"), 6, 9, 4));
    RunFile run;
    try (RunFile.Writer w = RunFile.create(dir)) {
      for (RawKvEvent e : events) {
        w.append(e);
      }
      run = w.finish();
    }
    assertThat(run.remaining()).isEqualTo(2);
    List<RawKvEvent> back = new ArrayList<>();
    while (run.head() != null) {
      back.add(run.head());
      run.advance();
    }
    assertThat(back).containsExactlyElementsOf(events);
    assertThat(run.remaining()).isZero();
    assertThat(Files.exists(run.path())).isTrue();
    run.close();
    assertThat(Files.exists(run.path())).isFalse();
  }

  @Test
  void truncatedFileIsDetected() throws IOException {
    RunFile run;
    try (RunFile.Writer w = RunFile.create(dir)) {
      for (int i = 0; i < 3; i++) {
        w.append(SorterEvents.put(i));
      }
      run = w.finish();
    }
    byte[] all = Files.readAllBytes(run.path());
    run.close();
    Path cut = Files.createTempFile(dir, "cut", ".bin");
    Files.write(cut, Arrays.copyOf(all, all.length - 5));
    RunFile truncated = RunFile.open(cut, 3);
    assertThatThrownBy(
            () -> {
              while (truncated.head() != null) {
                truncated.advance();
              }
            })
        .isInstanceOf(IOException.class);
    truncated.close();
    assertThat(cut).doesNotExist();

    Path shortCount = Files.createTempFile(dir, "short", ".bin");
    Files.write(shortCount, all);
    RunFile wrongCount = RunFile.open(shortCount, 4);
    assertThatThrownBy(
            () -> {
              while (wrongCount.head() != null) {
                wrongCount.advance();
              }
            })
        .hasMessageContaining("ended after 3 of 4 events");
    wrongCount.close();
  }

  @Test
  void abandonedWriterDeletesItsFile() throws IOException {
    Path abandoned;
    try (RunFile.Writer w = RunFile.create(dir)) {
      w.append(SorterEvents.put(1));
      abandoned = w.path();
      assertThat(abandoned).exists();
    }
    assertThat(abandoned).doesNotExist();
  }

  /** Tiny event factory. */
  static final class SorterEvents {
    static RawKvEvent put(int i) {
      return new RawKvEvent(
          OpType.PUT,
          Bytes.copyOf(new byte[] {(byte) i}),
          Bytes.fromHex("ff"),
          Bytes.EMPTY,
          1,
          2,
          1);
    }
  }
}
