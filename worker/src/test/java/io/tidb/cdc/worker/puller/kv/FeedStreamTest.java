package io.tidb.cdc.worker.puller.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.Errorpb;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.event.OldValueMode;
import io.tidb.cdc.worker.matcher.MatcherConfig;
import io.tidb.cdc.worker.memory.MemoryQuota;
import io.tidb.cdc.worker.puller.CountingPullerMetrics;
import io.tidb.cdc.worker.puller.RegionErrorKind;
import io.tidb.cdc.worker.puller.pd.RegionInfo;
import io.tidb.cdc.worker.puller.region.RangeLock;
import io.tidb.cdc.worker.puller.region.RegionCache;
import io.tidb.cdc.worker.puller.retry.Backoff;
import io.tidb.cdc.worker.puller.testing.FakePd;
import io.tidb.cdc.worker.puller.testing.RecordingConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stream's routing, stale-event dropping, flow control and error handling, driven by hand (no
 * gRPC server): the test plays TiKV by calling the stream's observer methods.
 */
class FeedStreamTest {
  private static final long START = 100;

  /** The request side of a call: records what is sent and how many messages are requested. */
  static final class FakeCall extends ClientCallStreamObserver<Cdcpb.ChangeDataRequest> {
    final List<Cdcpb.ChangeDataRequest> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger requested = new AtomicInteger();
    volatile boolean halfClosed;

    @Override
    public void disableAutoRequestWithInitial(int request) {
      requested.addAndGet(request);
    }

    @Override
    public void request(int count) {
      requested.addAndGet(count);
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable onReadyHandler) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void cancel(String message, Throwable cause) {}

    @Override
    public void onNext(Cdcpb.ChangeDataRequest value) {
      sent.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      halfClosed = true;
    }
  }

  private final CountingPullerMetrics metrics = new CountingPullerMetrics();
  private final List<String> retries = new CopyOnWriteArrayList<>();
  private final List<Throwable> workerFailures = new CopyOnWriteArrayList<>();
  private final EventWorker worker =
      new EventWorker("feed-stream-test-worker", (w, e) -> workerFailures.add(e));
  private final RegionEventHandler handler =
      new RegionEventHandler(
          metrics,
          new Backoff(Duration.ofMillis(10), Duration.ofMillis(100)),
          new RegionCache(new FakePd(), 10),
          new RegionEventHandler.Retrier() {
            @Override
            public void subscribeRange(SpanState span, KeySpan range, int attempt, long delay) {
              retries.add("range " + range + " attempt " + attempt + " delay " + delay);
            }

            @Override
            public void subscribeRegion(
                SpanState span, RegionInfo region, KeySpan range, int attempt, long delay) {
              retries.add("region " + region.id() + " on store " + region.leader().storeId());
            }
          });
  private final MatcherConfig matcherConfig =
      new MatcherConfig(
          new MemoryQuota("test", 1 << 20),
          (k, ts) -> Optional.empty(),
          OldValueMode.WITHOUT_OLD_VALUE);
  private final RecordingConsumer consumer = new RecordingConsumer(START);
  private final SpanState span = new SpanState(1, KeySpan.all(), START, consumer, worker, s -> {});
  private final RegionInfo region = FakePd.region(7, "", "", 3, 1);
  private final List<List<RegionState>> orphans = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopWorker() {
    worker.stop();
    assertThat(workerFailures).as("tasks that threw on the event worker").isEmpty();
  }

  private FeedStream stream(long bufferBytes, FakeCall call) {
    FeedStream s =
        new FeedStream(1, handler, metrics, bufferBytes, (st, status, o) -> orphans.add(o));
    s.beforeStart(call);
    return s;
  }

  private RegionState subscribe(FeedStream stream, long requestId) {
    assertThat(span.lock.lock(KeySpan.all(), region.id(), region.version()))
        .isInstanceOf(RangeLock.Locked.class);
    RegionState s =
        RegionState.create(
            span, region, KeySpan.all(), requestId, START, 0, matcherConfig, handler);
    span.addLive(s);
    assertThat(stream.register(s, s.request(1, OldValueMode.WITHOUT_OLD_VALUE))).isTrue();
    return s;
  }

  private static Cdcpb.Event rows(long requestId, Cdcpb.Event.Row... rows) {
    return Cdcpb.Event.newBuilder()
        .setRegionId(7)
        .setRequestId(requestId)
        .setEntries(Cdcpb.Event.Entries.newBuilder().addAllEntries(List.of(rows)))
        .build();
  }

  private static Cdcpb.Event.Row initialized() {
    return Cdcpb.Event.Row.newBuilder().setType(Cdcpb.Event.LogType.INITIALIZED).build();
  }

  private static Cdcpb.Event.Row committed(String key, long commitTs) {
    return Cdcpb.Event.Row.newBuilder()
        .setType(Cdcpb.Event.LogType.COMMITTED)
        .setOpType(Cdcpb.Event.Row.OpType.PUT)
        .setKey(com.google.protobuf.ByteString.copyFromUtf8(key))
        .setValue(com.google.protobuf.ByteString.copyFromUtf8("v"))
        .setStartTs(commitTs - 1)
        .setCommitTs(commitTs)
        .build();
  }

  private static Cdcpb.ChangeDataEvent message(Cdcpb.Event... events) {
    return Cdcpb.ChangeDataEvent.newBuilder().addAllEvents(List.of(events)).build();
  }

  private static Cdcpb.ChangeDataEvent resolved(long ts) {
    return Cdcpb.ChangeDataEvent.newBuilder()
        .setResolvedTs(Cdcpb.ResolvedTs.newBuilder().addRegions(7).setTs(ts))
        .build();
  }

  private void drainWorker() {
    worker.runAndWait(() -> {});
  }

  @Test
  void routesByRequestIdAndDropsEventsOfOtherRequests() {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(1 << 20, call);
    subscribe(stream, 42);
    assertThat(call.sent)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getRequestId()).isEqualTo(42);
              assertThat(r.getCheckpointTs()).isEqualTo(START);
              assertThat(r.getHeader().getClusterId()).isEqualTo(1);
            });

    stream.onNext(
        message(rows(42, committed("a", 150), initialized()), rows(41, committed("b", 160))));
    stream.onNext(resolved(200));
    drainWorker();

    assertThat(consumer.events())
        .singleElement()
        .satisfies(e -> assertThat(e.commitTs()).isEqualTo(150));
    assertThat(consumer.resolved()).containsExactly(200L);
    assertThat(metrics.staleEventsDropped()).isEqualTo(1);
    assertThat(metrics.regionsInitialized()).isEqualTo(1);
    assertThat(call.requested.get()).as("one more message asked for after each").isEqualTo(3);
  }

  @Test
  void pausesWhileWorkersHoldTooManyBytesAndResumesWhenTheyDrain() throws Exception {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(64, call);
    subscribe(stream, 42);
    CountDownLatch hold = new CountDownLatch(1);
    worker.execute(
        () -> {
          try {
            hold.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    List<Cdcpb.Event.Row> many = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      many.add(committed("key-" + i, 150 + i));
    }
    stream.onNext(message(rows(42, many.toArray(new Cdcpb.Event.Row[0]))));
    assertThat(call.requested.get()).as("paused: nothing more requested").isEqualTo(1);
    hold.countDown();
    drainWorker();
    assertThat(call.requested.get()).as("resumed once drained").isEqualTo(2);
    assertThat(consumer.events()).hasSize(20);
  }

  @Test
  void notLeaderRetriesTheRegionOnTheHintedStoreAndLaterEventsAreStale() {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(1 << 20, call);
    RegionState s = subscribe(stream, 42);
    Cdcpb.Event error =
        Cdcpb.Event.newBuilder()
            .setRegionId(7)
            .setRequestId(42)
            .setError(
                Cdcpb.Error.newBuilder()
                    .setNotLeader(
                        Errorpb.NotLeader.newBuilder()
                            .setRegionId(7)
                            .setLeader(region.peers().get(2).toProto())))
            .build();
    stream.onNext(message(rows(42, initialized()), error, rows(42, committed("late", 300))));
    stream.onNext(message(rows(42, committed("later", 301))));
    drainWorker();

    assertThat(metrics.errors(RegionErrorKind.NOT_LEADER)).isEqualTo(1);
    assertThat(retries).containsExactly("region 7 on store 3");
    assertThat(consumer.events()).isEmpty();
    assertThat(metrics.staleEventsDropped()).isEqualTo(2);
    assertThat(s.done).isTrue();
    assertThat(stream.subscriptionCount()).isZero();
    // The range was unlocked at the attempt's resolved ts: a new attempt may lock it.
    assertThat(span.lock.lock(KeySpan.all(), 7, 3)).isEqualTo(new RangeLock.Locked(START));
  }

  @Test
  void epochErrorsReloadTheRangeAndFatalErrorsEndTheSpan() {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(1 << 20, call);
    subscribe(stream, 42);
    stream.onNext(
        message(
            Cdcpb.Event.newBuilder()
                .setRegionId(7)
                .setRequestId(42)
                .setError(
                    Cdcpb.Error.newBuilder()
                        .setEpochNotMatch(Errorpb.EpochNotMatch.getDefaultInstance()))
                .build()));
    drainWorker();
    assertThat(retries).singleElement().asString().startsWith("range ").contains("attempt 1");

    subscribe(stream, 43);
    stream.onNext(
        message(
            Cdcpb.Event.newBuilder()
                .setRegionId(7)
                .setRequestId(43)
                .setError(
                    Cdcpb.Error.newBuilder()
                        .setClusterIdMismatch(
                            Cdcpb.ClusterIDMismatch.newBuilder().setCurrent(2).setRequest(1)))
                .build()));
    drainWorker();
    assertThat(consumer.failures())
        .singleElement()
        .satisfies(e -> assertThat(e.kind()).isEqualTo(RegionErrorKind.CLUSTER_ID_MISMATCH));
    assertThat(span.isClosed()).isTrue();
    assertThat(retries).hasSize(1);
  }

  @Test
  void aBrokenStreamHandsItsSubscriptionsBackAndRefusesNewOnes() {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(1 << 20, call);
    RegionState s = subscribe(stream, 42);
    stream.onError(Status.UNAVAILABLE.asRuntimeException());
    assertThat(orphans).containsExactly(List.of(s));
    assertThat(stream.isEnded()).isTrue();
    assertThat(stream.register(s, s.request(1, OldValueMode.WITHOUT_OLD_VALUE))).isFalse();
  }

  @Test
  void anIdleStreamHalfClosesAndItsGoodbyeIsNotAnError() {
    FakeCall call = new FakeCall();
    FeedStream stream = stream(1 << 20, call);
    RegionState s = subscribe(stream, 42);
    assertThat(stream.closeIfIdle()).isFalse();
    stream.unregister(s);
    assertThat(stream.closeIfIdle()).isTrue();
    assertThat(call.halfClosed).isTrue();
    List<Status> ends = new ArrayList<>();
    FeedStream other =
        new FeedStream(1, handler, metrics, 1024, (st, status, o) -> ends.add(status));
    other.beforeStart(new FakeCall());
    other.closeIfIdle();
    other.onCompleted();
    assertThat(ends).singleElement().satisfies(st -> assertThat(st.isOk()).isTrue());
  }
}
