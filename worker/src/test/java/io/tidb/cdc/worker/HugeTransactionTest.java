package io.tidb.cdc.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single 1,000,000-row transaction through matcher and spilling sorter in a JVM limited to 512
 * MiB of heap (a child process, so the limit is real).
 */
@Tag("slow")
class HugeTransactionTest {
  @TempDir Path dir;

  @Test
  void millionRowTransactionFitsInA512MibHeap() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx512m",
                    "-Djava.io.tmpdir=" + dir,
                    "-cp",
                    System.getProperty("java.class.path"),
                    HugeTransactionHarness.class.getName(),
                    "1000000",
                    "64",
                    "64"))
            .redirectErrorStream(true)
            .start();
    boolean done = p.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly().waitFor();
    }
    String out = read(p);
    assertThat(done).as("harness finished in time; output:%n%s", out).isTrue();
    assertThat(p.exitValue()).as("harness output:%n%s", out).isZero();
    assertThat(out).contains("OK rows=1000000").contains("maxHeapMiB=");
    assertThat(out).doesNotContain("snapshotReads=0 ");
    assertThat(out).doesNotContain("spilledEvents=0 ");
    System.out.println(out);
  }

  @Test
  void smallRunInProcessChecksTheSameInvariants() throws Exception {
    String line = HugeTransactionHarness.run(50_000, 1 << 20, 2 << 20, dir);
    assertThat(line).startsWith("OK rows=50000").doesNotContain("spilledEvents=0 ");
  }

  private static String read(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
