package io.tidb.cdc.worker.puller.kv;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.ChangeDataGrpc;
import io.tidb.cdc.worker.puller.PullerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One EventFeed stream to one store, carrying the region subscriptions of any number of spans, each
 * under its own request id (TiKV's "stream-multiplexing" feature lets two spans subscribe the same
 * region on one stream).
 *
 * <p>Inbound messages are split by span worker on the gRPC thread, which never blocks: the stream
 * reads one message at a time (manual flow control) and asks for the next only while the bytes
 * handed to workers and not yet processed stay below the buffer limit. Past it the stream pauses;
 * the worker that brings the backlog under half the limit resumes it, and TiKV is held back by
 * gRPC's window meanwhile.
 */
final class FeedStream
    implements ClientResponseObserver<Cdcpb.ChangeDataRequest, Cdcpb.ChangeDataEvent> {
  /** Told once when the stream ends, with the subscriptions it still carried. */
  interface Listener {
    void onStreamEnded(FeedStream stream, Status status, List<RegionState> orphans);
  }

  static final Metadata.Key<String> FEATURES =
      Metadata.Key.of("features", Metadata.ASCII_STRING_MARSHALLER);
  static final String STREAM_MULTIPLEXING = "stream-multiplexing";
  private static final AtomicLong IDS = new AtomicLong();

  final long storeId;
  final long id = IDS.incrementAndGet();
  private final RegionEventHandler handler;
  private final PullerMetrics metrics;
  private final Listener listener;
  private final long highWater;
  private final Map<Long, RegionState> byRequest = new ConcurrentHashMap<>();
  private final Map<Long, RegionState[]> byRegion = new ConcurrentHashMap<>();
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean paused = new AtomicBoolean();
  private ClientCallStreamObserver<Cdcpb.ChangeDataRequest> call;
  private boolean ended; // guarded by this
  private volatile boolean halfClosed;

  FeedStream(
      long storeId,
      RegionEventHandler handler,
      PullerMetrics metrics,
      long bufferBytes,
      Listener listener) {
    this.storeId = storeId;
    this.handler = handler;
    this.metrics = metrics;
    this.highWater = bufferBytes;
    this.listener = listener;
  }

  static FeedStream open(
      ManagedChannel channel,
      long storeId,
      RegionEventHandler handler,
      PullerMetrics metrics,
      long bufferBytes,
      Listener listener) {
    FeedStream s = new FeedStream(storeId, handler, metrics, bufferBytes, listener);
    Metadata md = new Metadata();
    md.put(FEATURES, STREAM_MULTIPLEXING);
    ChangeDataGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
        .eventFeed(s);
    return s;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<Cdcpb.ChangeDataRequest> requestStream) {
    this.call = requestStream;
    requestStream.disableAutoRequestWithInitial(1);
  }

  /** Routes the state's events here and sends its request; false if the stream has ended. */
  synchronized boolean register(RegionState s, Cdcpb.ChangeDataRequest request) {
    if (ended) {
      return false;
    }
    s.stream = this;
    byRequest.put(s.requestId, s);
    byRegion.merge(s.regionId(), new RegionState[] {s}, FeedStream::concat);
    try {
      call.onNext(request);
      return true;
    } catch (RuntimeException e) {
      // The call was torn down under us; onError follows and reports the orphans.
      return false;
    }
  }

  /** Stops routing the state's events (later ones are dropped as stale). */
  synchronized void unregister(RegionState s) {
    if (byRequest.remove(s.requestId, s)) {
      byRegion.computeIfPresent(s.regionId(), (id, arr) -> without(arr, s));
    }
  }

  /** Half-closes the stream if it carries no subscription; TiKV then drops it. */
  synchronized boolean closeIfIdle() {
    if (ended || !byRequest.isEmpty()) {
      return false;
    }
    ended = true;
    halfClosed = true;
    try {
      call.onCompleted();
    } catch (RuntimeException e) {
      // already torn down
    }
    return true;
  }

  /** Cancels the stream (puller closing). */
  void cancel() {
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
    }
    call.cancel("puller closed", null);
  }

  synchronized boolean isEnded() {
    return ended;
  }

  int subscriptionCount() {
    return byRequest.size();
  }

  @Override
  public void onNext(Cdcpb.ChangeDataEvent msg) {
    long size = msg.getSerializedSize();
    pendingBytes.addAndGet(size);
    Dispatch dispatch = new Dispatch(this, handler);
    for (Cdcpb.Event ev : msg.getEventsList()) {
      RegionState s = byRequest.get(ev.getRequestId());
      if (s == null || s.regionId() != ev.getRegionId()) {
        metrics.staleEventDropped();
        continue;
      }
      dispatch.event(s, ev);
    }
    if (msg.hasResolvedTs()) {
      Cdcpb.ResolvedTs resolved = msg.getResolvedTs();
      // This protocol version names regions only: every subscription of the region on this stream
      // gets it; a subscription still scanning ignores it (see RegionMatcher#onResolvedTs).
      for (long regionId : resolved.getRegionsList()) {
        RegionState[] states = byRegion.get(regionId);
        if (states != null) {
          for (RegionState s : states) {
            dispatch.resolved(s, resolved.getTs());
          }
        }
      }
    }
    dispatch.submit(size);
    if (pendingBytes.get() < highWater) {
      call.request(1);
    } else {
      paused.set(true);
      // A worker may have drained the backlog between the add above and the flag.
      resumeIfDrained();
    }
  }

  /** Called by a worker once it processed {@code bytes} of this stream's input. */
  void release(long bytes) {
    pendingBytes.addAndGet(-bytes);
    resumeIfDrained();
  }

  private void resumeIfDrained() {
    if (pendingBytes.get() <= highWater / 2 && paused.compareAndSet(true, false)) {
      call.request(1);
    }
  }

  @Override
  public void onError(Throwable t) {
    end(Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    // After our half-close the store ending the stream is the expected goodbye.
    end(
        halfClosed
            ? Status.OK
            : Status.UNAVAILABLE.withDescription(
                "store " + storeId + " ended the EventFeed stream"));
  }

  private void end(Status status) {
    List<RegionState> orphans;
    synchronized (this) {
      ended = true;
      orphans = new ArrayList<>(byRequest.values());
      byRequest.clear();
      byRegion.clear();
    }
    listener.onStreamEnded(this, status, orphans);
  }

  private static RegionState[] concat(RegionState[] a, RegionState[] b) {
    RegionState[] out = new RegionState[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static RegionState[] without(RegionState[] arr, RegionState s) {
    List<RegionState> rest = new ArrayList<>(arr.length);
    for (RegionState r : arr) {
      if (r != s) {
        rest.add(r);
      }
    }
    return rest.isEmpty() ? null : rest.toArray(new RegionState[0]);
  }

  @Override
  public String toString() {
    return "EventFeed stream " + id + " to store " + storeId;
  }
}
