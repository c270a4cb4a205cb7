package io.tidb.cdc.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {
  @TempDir Path dir;

  private ChildProcess shell(String script) {
    return ChildProcess.start(
        new ProcessSpec("fake-server", List.of("sh", "-c", script), dir, dir.resolve("fake.log")));
  }

  @Test
  void processExitingBeforeReadyFailsWithLogTailAndCommand() {
    ChildProcess process =
        shell("for i in $(seq 1 80); do echo line-$i; done; echo 'fatal: port taken'; exit 3");

    assertThatThrownBy(() -> Readiness.await(process, Duration.ofSeconds(20), () -> false))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("fake-server failed to start: exited with code 3")
        .hasMessageContaining("command: sh -c for i in")
        .hasMessageContaining("fatal: port taken")
        .hasMessageContaining("line-80")
        .hasMessageNotContaining("line-30\n")
        .satisfies(
            e ->
                assertThat(((ServerStartException) e).logTail().lines().count())
                    .isEqualTo(ServerStartException.LOG_TAIL_LINES));
  }

  @Test
  void timeoutKillsTheProcessAndNamesTheLastProbeError() {
    ChildProcess process = shell("echo starting; exec sleep 60");

    assertThatThrownBy(
            () ->
                Readiness.await(
                    process,
                    Duration.ofMillis(300),
                    () -> {
                      throw new IllegalStateException("connection refused");
                    }))
        .isInstanceOf(ServerStartException.class)
        .hasMessageContaining("not ready within 0.3 s")
        .hasMessageContaining("connection refused")
        .hasMessageContaining("starting");
    assertThat(process.handle().onExit()).succeedsWithin(Duration.ofSeconds(10));
  }

  @Test
  void returnsOnceTheProbeHolds() {
    AtomicInteger probes = new AtomicInteger();
    try (ChildProcess process = shell("exec sleep 60")) {
      Readiness.await(process, Duration.ofSeconds(20), () -> probes.incrementAndGet() >= 3);
      assertThat(process.isAlive()).isTrue();
    }
    assertThat(probes).hasValue(3);
  }

  @Test
  void closeKillsTheWholeProcessTree() {
    ChildProcess process = shell("sleep 60 & sleep 60 & wait");
    Readiness.await(
        process, Duration.ofSeconds(20), () -> process.handle().descendants().count() == 2);
    List<ProcessHandle> children = process.handle().descendants().toList();

    process.close();

    assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).isFalse());
    assertThat(process.isAlive()).isFalse();
  }
}
