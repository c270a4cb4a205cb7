package io.tidb.cdc.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
  @TempDir Path dir;

  @Test
  void keepsOnlyTheLastLinesOfALargeFile() throws Exception {
    Path log = dir.resolve("big.log");
    Files.writeString(
        log,
        IntStream.rangeClosed(1, 100_000)
            .mapToObj(i -> "line " + i)
            .collect(Collectors.joining("\n", "", "\n")));

    assertThat(LogTail.read(log, 3)).isEqualTo("line 99998\nline 99999\nline 100000");
  }

  @Test
  void shortFileIsReturnedWhole() throws Exception {
    Path log = dir.resolve("short.log");
    Files.writeString(log, "only\ntwo");

    assertThat(LogTail.read(log, 50)).isEqualTo("only\ntwo");
  }

  @Test
  void missingFileGivesEmptyTail() {
    assertThat(LogTail.read(dir.resolve("absent.log"), 50)).isEmpty();
  }
}
