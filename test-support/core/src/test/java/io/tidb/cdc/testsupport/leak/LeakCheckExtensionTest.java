package io.tidb.cdc.testsupport.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

class LeakCheckExtensionTest {
  /** Released by the outer test so that leaked threads end before the outer class is checked. */
  static volatile CountDownLatch release = new CountDownLatch(1);

  static volatile Process leakedProcess;

  private static Events run(Class<?> fixture) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameter(LeakCheckActivator.AUTODETECTION, "true")
        .configurationParameter(OnlyInEngineTestKit.PARAMETER, "true")
        .configurationParameter(LeakCheckExtension.WAIT_MILLIS, "300")
        .selectors(selectClass(fixture))
        .execute()
        .containerEvents();
  }

  private static Thread blockedThread(String name) {
    Thread thread =
        new Thread(
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name);
    thread.start();
    return thread;
  }

  @AfterEach
  void stopWhatTheFixturesLeaked() throws InterruptedException {
    release.countDown();
    release = new CountDownLatch(1);
    if (leakedProcess != null) {
      leakedProcess.destroyForcibly().waitFor();
      leakedProcess = null;
    }
  }

  @Test
  void failsAClassThatLeavesANonDaemonThread() {
    run(LeakyThread.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LeakyThread.class),
                finishedWithFailure(
                    instanceOf(AssertionError.class),
                    message(
                        text ->
                            text.contains("LeakyThread left 1 non-daemon thread(s)")
                                && text.contains("thread \"leaky-worker\"")
                                && text.contains("\n      at ")))));
  }

  @Test
  void failsAClassThatLeavesAChildProcess() {
    run(LeakyProcess.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(LeakyProcess.class),
                finishedWithFailure(
                    message(
                        text ->
                            text.contains("1 child process(es)")
                                && text.contains("process " + leakedProcess.pid())
                                && text.contains("sleep 61")))));
  }

  @Test
  void passesAClassThatCleansUp() {
    run(CleanClass.class)
        .assertThatEvents()
        .haveExactly(1, event(container(CleanClass.class), finishedSuccessfully()));
  }

  @Test
  void waitsForAThreadThatIsAlreadyEnding() {
    run(SlowToStopThread.class)
        .assertThatEvents()
        .haveExactly(1, event(container(SlowToStopThread.class), finishedSuccessfully()));
  }

  @Test
  void allowLeaksExemptsMatchingThreadsOnly() {
    run(AllowedThread.class)
        .assertThatEvents()
        .haveExactly(1, event(container(AllowedThread.class), finishedSuccessfully()));
    run(OtherThreadNotAllowed.class)
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(OtherThreadNotAllowed.class),
                finishedWithFailure(message(text -> text.contains("\"unexpected-worker\"")))));
  }

  @Test
  void registeredSharedProcessesAreNotLeaks() {
    run(SharedProcess.class)
        .assertThatEvents()
        .haveExactly(1, event(container(SharedProcess.class), finishedSuccessfully()));
  }

  @Test
  @ExtendWith(ContextResolver.class)
  void leakCheckIsAutoRegisteredForThisClassToo(ExtensionContext context) {
    Optional<ExtensionContext> classContext = context.getParent();
    assertThat(classContext).isPresent();
    assertThat(
            classContext
                .get()
                .getStore(LeakCheckExtension.NAMESPACE)
                .get(LeakCheckExtension.PendingCheck.class))
        .isInstanceOf(LeakCheckExtension.PendingCheck.class);
  }

  /** Hands the test method its own ExtensionContext, to look into the class's store. */
  static class ContextResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == ExtensionContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      return context;
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class LeakyThread {
    @Test
    void startsAThreadAndForgetsIt() {
      blockedThread("leaky-worker");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class LeakyProcess {
    @Test
    void startsAProcessAndForgetsIt() throws IOException {
      leakedProcess = new ProcessBuilder("sleep", "61").start();
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class CleanClass {
    @Test
    void joinsItsThreadAndWaitsForItsProcess() throws Exception {
      Thread thread = new Thread(() -> {}, "short-worker");
      thread.start();
      thread.join();
      assertThat(new ProcessBuilder("true").start().waitFor()).isZero();
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class SlowToStopThread {
    @Test
    void threadEndsShortlyAfterTheClass() {
      new Thread(
              () -> {
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "ending-worker")
          .start();
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  @AllowLeaks(threads = "pool-for-the-jvm-\\d+", reason = "fixture: a JVM-wide pool")
  static class AllowedThread {
    @Test
    void startsAnAllowedThread() {
      blockedThread("pool-for-the-jvm-1");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  @AllowLeaks(threads = "pool-for-the-jvm-\\d+", reason = "fixture: a JVM-wide pool")
  static class OtherThreadNotAllowed {
    @Test
    void startsAnotherThread() {
      blockedThread("unexpected-worker");
    }
  }

  @ExtendWith(OnlyInEngineTestKit.class)
  static class SharedProcess {
    @Test
    void startsAProcessRegisteredAsShared() throws IOException {
      leakedProcess = new ProcessBuilder("sleep", "62").start();
      JvmSharedResources.register(leakedProcess.toHandle());
    }
  }
}
