package io.tidb.cdc.worker.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkOrderCheckTest {
  @TempDir Path dir;

  private static String row(String type, int id, long commitTs) {
    return ("{\"database\":\"d\",\"table\":\"t\",\"pkNames\":[\"id\"],\"isDdl\":false,"
            + "\"type\":\"%s\",\"data\":[{\"id\":\"%d\",\"v\":\"x\"}],\"old\":null,"
            + "\"_tidb\":{\"commitTs\":%d}}\n")
        .formatted(type, id, commitTs);
  }

  private Path file(String name, String... lines) throws Exception {
    Path t = dir.resolve("d/t");
    Files.createDirectories(t);
    return Files.writeString(t.resolve(name), String.join("", lines));
  }

  @Test
  void orderedFilesPass() throws Exception {
    file("10-20.json", row("INSERT", 1, 10), row("INSERT", 2, 10), row("UPDATE", 1, 20));
    file("30-30.json", row("DELETE", 1, 30), row("INSERT", 2, 30));
    file(".5.40.json.tmp", row("INSERT", 1, 5)); // in progress: not part of the output
    assertThat(FileSinkOrderCheck.check(dir)).isEmpty();
    assertThat(FileSinkOrderCheck.commitTsValues(dir)).containsExactly(10L, 20L, 30L);
  }

  @Test
  void reportsKeyGoingBackSplitTransactionAndOverlap() throws Exception {
    file("10-20.json", row("INSERT", 1, 20), row("UPDATE", 1, 10), row("INSERT", 3, 20));
    file("20-25.json", row("INSERT", 4, 20), row("INSERT", 5, 26));
    assertThat(FileSinkOrderCheck.check(dir))
        .anyMatch(v -> v.contains("key 1 goes back from commitTs 20 (10-20.json:1)"))
        .anyMatch(v -> v.contains("20-25.json overlaps or precedes 10-20.json"))
        .anyMatch(v -> v.contains("transaction 20 is split across 10-20.json and 20-25.json"))
        .anyMatch(v -> v.contains("20-25.json:2 commitTs 26 is outside the file's range"))
        .hasSize(4);
  }

  @Test
  void restartAllowsRedeliveryAboveTheCheckpointButNoGap() throws Exception {
    Instant restart = Instant.parse("2026-01-01T00:00:00Z");
    Path a = file("10-30.json", row("INSERT", 1, 10), row("UPDATE", 1, 20), row("INSERT", 2, 30));
    Files.setLastModifiedTime(a, FileTime.from(restart.minusSeconds(5)));
    Path b = file("20-40.json", row("UPDATE", 1, 20), row("UPDATE", 1, 40));
    Files.setLastModifiedTime(b, FileTime.from(restart.plusSeconds(5)));
    assertThat(FileSinkOrderCheck.checkAcrossRestart(dir, restart, 15))
        .containsExactly(
            "d/t: 10-30.json:3 key 2 commitTs 30 is above the resumed checkpoint 15 but the"
                + " second run did not write it again");
    assertThat(FileSinkOrderCheck.checkAcrossRestart(dir, restart, 25))
        .anyMatch(v -> v.contains("20-40.json:1 key 1 commitTs 20 is at or below the resumed"));
    assertThat(FileSinkOrderCheck.check(dir)).isNotEmpty(); // without the restart allowance
  }

  @Test
  void reportsFilesAcrossOrBeforeADdl() throws Exception {
    Instant ddl = Instant.parse("2026-01-01T00:00:00Z");
    Path meta = Files.createDirectories(dir.resolve("d/t/meta"));
    Files.setLastModifiedTime(
        Files.writeString(meta.resolve("schema_25_0000000001.json"), "{}"), FileTime.from(ddl));
    Files.setLastModifiedTime(
        file("10-20.json", row("INSERT", 1, 10)), FileTime.from(ddl.minusSeconds(1)));
    Files.setLastModifiedTime(
        file("25-30.json", row("INSERT", 2, 25)), FileTime.from(ddl.plusSeconds(1)));
    assertThat(FileSinkOrderCheck.checkDdlOrder(dir)).isEmpty();
    Files.setLastModifiedTime(
        file("31-31.json", row("INSERT", 3, 31)), FileTime.from(ddl.minusSeconds(1)));
    file("21-26.json", row("INSERT", 4, 21), row("INSERT", 5, 26));
    assertThat(FileSinkOrderCheck.checkDdlOrder(dir))
        .containsExactlyInAnyOrder(
            "d/t/21-26.json holds rows from both sides of the DDL at 25"
                + " (schema_25_0000000001.json)",
            "d/t/31-31.json, committed after the DDL at 25, was written before"
                + " schema_25_0000000001.json");
  }
}
