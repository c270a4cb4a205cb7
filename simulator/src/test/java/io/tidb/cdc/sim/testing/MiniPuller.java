package io.tidb.cdc.sim.testing;

import com.google.protobuf.ByteString;
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
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import io.tidb.cdc.sim.mvcc.Keys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A small TiCDC-like puller for soak tests: it subscribes a key span region by region (routing
 * through PD), matches prewrites with commits, and re-subscribes from the last resolved ts on
 * region errors and broken streams. Every subscription's rows and resolved ts are recorded in
 * arrival order for later checking. All protocol handling runs on one thread.
 */
public final class MiniPuller implements AutoCloseable {
  private record Msg(long storeId, int gen, Cdcpb.ChangeDataEvent event, Status end) {}

  private record Pending(ByteString start, ByteString end, long checkpoint, long notBefore) {}

  private final PDGrpc.PDBlockingStub pd;
  private final ManagedChannel pdChannel;
  private final long clusterId;
  private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
  private final List<Pending> pending = new ArrayList<>();
  private final Map<Long, Subscription> active = new HashMap<>();
  private final List<Subscription> all = new ArrayList<>();
  private final Map<Long, StoreStream> streams = new HashMap<>();
  private final Map<Long, String> addresses = new ConcurrentHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread loop;
  private long nextRequestId = 1;
  private int nextGen = 1;
  private int errors;
  private int broken;
  private String lastRetryCause = "";

  private final class StoreStream {
    final int gen;
    final ManagedChannel channel;
    final StreamObserver<Cdcpb.ChangeDataRequest> requests;

    StoreStream(long storeId, String address) {
      gen = nextGen++;
      int g = gen;
      channel =
          NettyChannelBuilder.forTarget(address)
              .usePlaintext()
              .maxInboundMessageSize(128 << 20)
              .build();
      // Two ranges of the puller can map to one region after a merge: subscribe them under
      // separate request ids, as TiCDC does with stream multiplexing.
      Metadata md = new Metadata();
      md.put(Metadata.Key.of("features", Metadata.ASCII_STRING_MARSHALLER), "stream-multiplexing");
      requests =
          ChangeDataGrpc.newStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
              .eventFeed(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(Cdcpb.ChangeDataEvent e) {
                      inbox.add(new Msg(storeId, g, e, null));
                    }

                    @Override
                    public void onError(Throwable t) {
                      inbox.add(new Msg(storeId, g, null, Status.fromThrowable(t)));
                    }

                    @Override
                    public void onCompleted() {
                      inbox.add(new Msg(storeId, g, null, Status.OK));
                    }
                  });
    }
  }

  public MiniPuller(
      String pdAddress, long clusterId, ByteString spanStart, ByteString spanEnd, long checkpoint) {
    this.clusterId = clusterId;
    pdChannel = NettyChannelBuilder.forTarget(pdAddress).usePlaintext().build();
    pd = PDGrpc.newBlockingStub(pdChannel);
    pending.add(new Pending(spanStart, spanEnd, checkpoint, 0));
    loop = new Thread(this::run, "mini-puller");
    loop.setDaemon(true);
    loop.start();
  }

  private void run() {
    while (running.get()) {
      try {
        Msg m = inbox.poll(10, TimeUnit.MILLISECONDS);
        synchronized (this) {
          if (m != null) {
            handle(m);
          }
          subscribePending();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        synchronized (this) {
          failures.add("puller loop: " + e);
        }
      }
    }
  }

  private void subscribePending() {
    long now = System.nanoTime();
    List<Pending> todo = new ArrayList<>();
    pending.removeIf(p -> p.notBefore() <= now && todo.add(p));
    for (Pending p : todo) {
      try {
        Pdpb.ScanRegionsResponse regions =
            pd.withDeadlineAfter(5, TimeUnit.SECONDS)
                .scanRegions(
                    Pdpb.ScanRegionsRequest.newBuilder()
                        .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(clusterId))
                        .setStartKey(p.start())
                        .setEndKey(p.end())
                        .build());
        for (Pdpb.Region r : regions.getRegionsList()) {
          subscribe(r.getRegion(), r.getLeader(), p);
        }
      } catch (RuntimeException e) {
        lastRetryCause = e.toString();
        pending.add(new Pending(p.start(), p.end(), p.checkpoint(), now + 50_000_000L));
      }
    }
  }

  private void subscribe(Metapb.Region region, Metapb.Peer leader, Pending p) {
    ByteString s = max(region.getStartKey(), p.start());
    ByteString e = minEnd(region.getEndKey(), p.end());
    long storeId = leader.getStoreId();
    StoreStream stream = streams.get(storeId);
    if (stream == null) {
      String address =
          addresses.computeIfAbsent(
              storeId,
              id ->
                  pd.withDeadlineAfter(5, TimeUnit.SECONDS)
                      .getStore(
                          Pdpb.GetStoreRequest.newBuilder()
                              .setHeader(Pdpb.RequestHeader.newBuilder().setClusterId(clusterId))
                              .setStoreId(id)
                              .build())
                      .getStore()
                      .getAddress());
      stream = new StoreStream(storeId, address);
      streams.put(storeId, stream);
    }
    Subscription sub =
        new Subscription(
            nextRequestId++, region.getId(), storeId, stream.gen, s, e, p.checkpoint());
    active.put(sub.requestId, sub);
    all.add(sub);
    stream.requests.onNext(
        Cdcpb.ChangeDataRequest.newBuilder()
            .setHeader(
                Cdcpb.Header.newBuilder()
                    .setClusterId(clusterId)
                    .setTicdcVersion(FeedClient.TICDC_VERSION))
            .setRegionId(region.getId())
            .setRegionEpoch(region.getRegionEpoch())
            .setRequestId(sub.requestId)
            .setCheckpointTs(p.checkpoint())
            .setStartKey(s)
            .setEndKey(e)
            .setExtraOp(Kvrpcpb.ExtraOp.ReadOldValue)
            .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
            .build());
  }

  /** Error counts by kind, for failure messages. */
  private final Map<String, Integer> errorKinds = new HashMap<>();

  private void handle(Msg m) {
    StoreStream stream = streams.get(m.storeId());
    if (stream == null || stream.gen != m.gen()) {
      return; // a message of a stream already given up
    }
    if (m.end() != null) {
      broken++;
      streams.remove(m.storeId());
      stream.channel.shutdownNow();
      for (Subscription sub : List.copyOf(active.values())) {
        if (sub.storeId == m.storeId() && sub.streamGen == m.gen()) {
          retry(sub, 100);
        }
      }
      return;
    }
    for (Cdcpb.Event ev : m.event().getEventsList()) {
      Subscription sub = active.get(ev.getRequestId());
      if (sub == null || sub.regionId != ev.getRegionId()) {
        if (ev.hasEntries()) {
          failures.add("entries for unknown subscription " + ev.getRequestId());
        }
        continue;
      }
      if (ev.hasError()) {
        errors++;
        errorKinds.merge(errorKind(ev.getError()), 1, Integer::sum);
        retry(sub, 20);
      } else if (ev.hasEntries()) {
        for (Cdcpb.Event.Row row : ev.getEntries().getEntriesList()) {
          sub.onRow(row, failures);
        }
      }
    }
    if (m.event().hasResolvedTs()) {
      Cdcpb.ResolvedTs rts = m.event().getResolvedTs();
      for (long regionId : rts.getRegionsList()) {
        for (Subscription sub : active.values()) {
          if (sub.regionId == regionId && sub.storeId == m.storeId() && sub.streamGen == m.gen()) {
            sub.onResolved(rts.getTs(), failures);
          }
        }
      }
    }
  }

  private static String errorKind(Cdcpb.Error e) {
    if (e.hasNotLeader()) {
      return "not_leader";
    }
    if (e.hasEpochNotMatch()) {
      return "epoch_not_match";
    }
    if (e.hasRegionNotFound()) {
      return "region_not_found";
    }
    if (e.hasDuplicateRequest()) {
      return "duplicate_request";
    }
    return e.toString();
  }

  public synchronized Map<String, Integer> errorKinds() {
    return Map.copyOf(errorKinds);
  }

  private void retry(Subscription sub, long backoffMillis) {
    active.remove(sub.requestId);
    pending.add(
        new Pending(
            sub.start, sub.end, sub.resumeFrom(), System.nanoTime() + backoffMillis * 1_000_000L));
  }

  /** The lowest resume point over the span (min over active subs and pending ranges). */
  public synchronized long frontier() {
    long min = Long.MAX_VALUE;
    for (Subscription s : active.values()) {
      min = Math.min(min, s.initialized ? s.resumeFrom() : s.checkpoint);
    }
    for (Pending p : pending) {
      min = Math.min(min, p.checkpoint());
    }
    return min == Long.MAX_VALUE ? 0 : min;
  }

  /** What holds the frontier below {@code ts}, for failure messages. */
  public synchronized String describeLagging(long ts) {
    StringBuilder sb = new StringBuilder("last retry cause: " + lastRetryCause + "\n");
    sb.append("now ")
        .append(System.nanoTime())
        .append(" loop alive ")
        .append(loop.isAlive())
        .append(" inbox ")
        .append(inbox.size())
        .append('\n');
    for (Subscription s : active.values()) {
      long at = s.initialized ? s.resumeFrom() : s.checkpoint;
      if (at < ts) {
        sb.append("sub ")
            .append(s.requestId)
            .append(" region ")
            .append(s.regionId)
            .append(" store ")
            .append(s.storeId)
            .append(" gen ")
            .append(s.streamGen)
            .append(" initialized ")
            .append(s.initialized)
            .append(" at ")
            .append(at)
            .append(" stream alive ")
            .append(streams.containsKey(s.storeId) && streams.get(s.storeId).gen == s.streamGen)
            .append('\n');
      }
    }
    for (Pending p : pending) {
      if (p.checkpoint() < ts) {
        sb.append("pending ").append(p).append('\n');
      }
    }
    return sb.toString();
  }

  public synchronized List<Subscription> subscriptions() {
    return List.copyOf(all);
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  public synchronized int errorCount() {
    return errors;
  }

  public synchronized int brokenStreams() {
    return broken;
  }

  private static ByteString max(ByteString a, ByteString b) {
    return Keys.ORDER.compare(a, b) >= 0 ? a : b;
  }

  private static ByteString minEnd(ByteString a, ByteString b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Keys.ORDER.compare(a, b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    running.set(false);
    loop.interrupt();
    try {
      loop.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      for (StoreStream s : streams.values()) {
        s.channel.shutdownNow();
      }
    }
    pdChannel.shutdownNow();
  }
}
