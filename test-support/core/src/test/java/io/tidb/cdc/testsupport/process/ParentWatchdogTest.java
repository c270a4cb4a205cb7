package io.tidb.cdc.testsupport.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children must die with the test JVM; closing their stdin is what the JVM's death looks like. */
class ParentWatchdogTest {
  private static final Duration GONE_WITHIN = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void nativeChildIsKilledWhenStdinCloses() throws Exception {
    try (ChildProcess wrapper =
        ChildProcess.start(
            new ProcessSpec(
                "sleep",
                ParentWatchdog.shellWrapped(List.of("sleep", "60")),
                dir,
                dir.resolve("sleep.log")))) {
      Readiness.await(wrapper, GONE_WITHIN, () -> wrapper.handle().children().count() >= 1);
      List<ProcessHandle> tree = wrapper.handle().descendants().toList();

      wrapper.closeStdin();

      assertThat(wrapper.handle().onExit()).succeedsWithin(GONE_WITHIN);
      assertThat(tree)
          .allSatisfy(process -> assertThat(process.onExit()).succeedsWithin(GONE_WITHIN));
    }
  }

  @Test
  void nativeChildExitCodeIsPassedThrough() {
    try (ChildProcess wrapper =
        ChildProcess.start(
            new ProcessSpec(
                "exit7",
                ParentWatchdog.shellWrapped(List.of("sh", "-c", "echo out; exit 7")),
                dir,
                dir.resolve("exit7.log")))) {
      assertThat(wrapper.handle().onExit()).succeedsWithin(GONE_WITHIN);
      assertThat(wrapper.exitCodeOrMinusOne()).isEqualTo(7);
      assertThat(LogTail.read(dir.resolve("exit7.log"), 5)).endsWith("out");
    }
  }

  @Test
  void javaChildHaltsWhenStdinCloses() throws Exception {
    Path testClasses =
        Path.of(Sleeper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    JavaCommand command =
        new JavaCommand(
            Sleeper.class.getName(), List.of("-Xmx32m"), List.of(testClasses), List.of("a1"));
    Path log = dir.resolve("sleeper.log");
    try (ChildProcess child =
        ChildProcess.start(
            new ProcessSpec("sleeper", command.toCommand(dir.resolve("sleeper.args")), dir, log))) {
      Readiness.await(child, GONE_WITHIN, () -> Files.readString(log).contains("sleeper up a1"));

      child.closeStdin();

      assertThat(child.handle().onExit()).succeedsWithin(GONE_WITHIN);
      assertThat(child.exitCodeOrMinusOne()).isEqualTo(137);
      assertThat(Files.readString(log)).contains("parent process is gone");
    }
  }
}
