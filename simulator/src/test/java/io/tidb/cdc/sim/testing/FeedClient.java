package io.tidb.cdc.sim.testing;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.ChangeDataGrpc;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.sim.cluster.Region;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A bare EventFeed client for tests: one channel and one stream to a store; every received
 * ChangeDataEvent is flattened into {@link Item}s (region events and batched resolved ts) in
 * arrival order.
 */
public final class FeedClient implements AutoCloseable {
  public static final String TICDC_VERSION = "6.1.0";

  /** A region event or a batched resolved ts, or the end of the stream. */
  public record Item(Cdcpb.Event event, Cdcpb.ResolvedTs resolved, Status end) {}

  private final ManagedChannel channel;
  private final StreamObserver<Cdcpb.ChangeDataRequest> requests;
  private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final long clusterId;
  private final String version;
  private final AtomicInteger maxMessageBytes = new AtomicInteger();

  public FeedClient(String address, long clusterId) {
    this(address, clusterId, TICDC_VERSION, null);
  }

  public FeedClient(String address, long clusterId, String version, String features) {
    this.clusterId = clusterId;
    this.version = version;
    channel =
        NettyChannelBuilder.forTarget(address)
            .usePlaintext()
            .maxInboundMessageSize(128 << 20)
            .build();
    ChangeDataGrpc.ChangeDataStub stub = ChangeDataGrpc.newStub(channel);
    if (features != null) {
      Metadata md = new Metadata();
      md.put(Metadata.Key.of("features", Metadata.ASCII_STRING_MARSHALLER), features);
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
    }
    requests =
        stub.eventFeed(
            new StreamObserver<>() {
              @Override
              public void onNext(Cdcpb.ChangeDataEvent e) {
                maxMessageBytes.accumulateAndGet(e.getSerializedSize(), Math::max);
                for (Cdcpb.Event ev : e.getEventsList()) {
                  items.add(new Item(ev, null, null));
                }
                if (e.hasResolvedTs()) {
                  items.add(new Item(null, e.getResolvedTs(), null));
                }
              }

              @Override
              public void onError(Throwable t) {
                items.add(new Item(null, null, Status.fromThrowable(t)));
              }

              @Override
              public void onCompleted() {
                items.add(new Item(null, null, Status.OK));
              }
            });
  }

  /** Size of the largest ChangeDataEvent received so far. */
  public int maxMessageBytes() {
    return maxMessageBytes.get();
  }

  /** Subscribes to the whole of {@code region} from {@code checkpointTs}. */
  public void register(Region region, long requestId, long checkpointTs, boolean oldValue) {
    register(region.id(), region.epoch(), requestId, checkpointTs, oldValue);
  }

  public void register(
      long regionId,
      Metapb.RegionEpoch epoch,
      long requestId,
      long checkpointTs,
      boolean oldValue) {
    send(request(regionId, epoch, requestId, checkpointTs, oldValue).build());
  }

  public Cdcpb.ChangeDataRequest.Builder request(
      long regionId,
      Metapb.RegionEpoch epoch,
      long requestId,
      long checkpointTs,
      boolean oldValue) {
    return Cdcpb.ChangeDataRequest.newBuilder()
        .setHeader(Cdcpb.Header.newBuilder().setClusterId(clusterId).setTicdcVersion(version))
        .setRegionId(regionId)
        .setRegionEpoch(epoch)
        .setRequestId(requestId)
        .setCheckpointTs(checkpointTs)
        .setExtraOp(oldValue ? Kvrpcpb.ExtraOp.ReadOldValue : Kvrpcpb.ExtraOp.Noop)
        .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance());
  }

  public void send(Cdcpb.ChangeDataRequest request) {
    synchronized (requests) {
      requests.onNext(request);
    }
  }

  /** The next item, or null after {@code timeout}. */
  public Item poll(Duration timeout) throws InterruptedException {
    return items.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Reads items until one matches; returns every item read, the match last.
   *
   * @throws AssertionError if none matched within {@code timeout}
   */
  public List<Item> until(Predicate<Item> match, Duration timeout) throws InterruptedException {
    List<Item> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Item it = left <= 0 ? null : items.poll(left, TimeUnit.NANOSECONDS);
      if (it == null) {
        throw new AssertionError("no matching item within " + timeout + "; got " + seen);
      }
      seen.add(it);
      if (match.test(it)) {
        return seen;
      }
    }
  }

  /** Rows of all entries events among {@code items} for a region. */
  public static List<Cdcpb.Event.Row> rows(List<Item> items, long regionId) {
    List<Cdcpb.Event.Row> out = new ArrayList<>();
    for (Item it : items) {
      if (it.event() != null && it.event().getRegionId() == regionId && it.event().hasEntries()) {
        out.addAll(it.event().getEntries().getEntriesList());
      }
    }
    return out;
  }

  public static Predicate<Item> initialized(long regionId) {
    return it ->
        it.event() != null
            && it.event().getRegionId() == regionId
            && it.event().hasEntries()
            && it.event().getEntries().getEntriesList().stream()
                .anyMatch(r -> r.getType() == Cdcpb.Event.LogType.INITIALIZED);
  }

  public static Predicate<Item> error(long regionId) {
    return it ->
        it.event() != null && it.event().getRegionId() == regionId && it.event().hasError();
  }

  public static Predicate<Item> resolvedAtLeast(long regionId, long ts) {
    return it ->
        it.resolved() != null
            && it.resolved().getTs() >= ts
            && it.resolved().getRegionsList().contains(regionId);
  }

  public static Predicate<Item> streamEnd() {
    return it -> it.end() != null;
  }

  public void halfClose() {
    synchronized (requests) {
      requests.onCompleted();
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
