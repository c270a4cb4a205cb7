package io.tidb.cdc.worker.puller.kv;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.tidb.cdc.worker.puller.PullerMetrics;
import io.tidb.cdc.worker.puller.pd.ChannelSecurity;
import io.tidb.cdc.worker.puller.pd.GrpcChannels;
import io.tidb.cdc.worker.puller.pd.PdException;
import io.tidb.cdc.worker.puller.region.RegionCache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gRPC channel per store and its current EventFeed stream. A stream that ends is forgotten (the
 * next subscription opens a new one) and the store's address is looked up again, since a restarted
 * store may listen elsewhere. Thread-safe.
 */
final class StoreConnections implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreConnections.class);

  private static final class Conn {
    final String address;
    final ManagedChannel channel;
    FeedStream stream;
    boolean recheckAddress;

    Conn(String address, ChannelSecurity security) {
      this.address = address;
      // Opening a channel is cheap: it connects on first use.
      this.channel = security.open(address);
    }
  }

  private final RegionCache cache;
  private final ChannelSecurity security;
  private final PullerMetrics metrics;
  private final long streamBufferBytes;
  private final Map<Long, Conn> conns = new HashMap<>();
  private RegionEventHandler handler;
  private FeedStream.Listener listener;
  private boolean closed;

  StoreConnections(
      RegionCache cache, ChannelSecurity security, PullerMetrics metrics, long streamBufferBytes) {
    this.cache = cache;
    this.security = security;
    this.metrics = metrics;
    this.streamBufferBytes = streamBufferBytes;
  }

  /** Wires the handler streams dispatch to and the listener told when a stream ends. */
  synchronized void bind(RegionEventHandler h, FeedStream.Listener l) {
    this.handler = h;
    this.listener = l;
  }

  /** The live stream to {@code storeId}, opened if needed. */
  FeedStream streamFor(long storeId) throws PdException {
    Conn known = current(storeId);
    synchronized (this) {
      Conn c = install(storeId, known);
      if (c.stream == null || c.stream.isEnded()) {
        c.stream =
            FeedStream.open(
                c.channel, storeId, handler, metrics, streamBufferBytes, this::onStreamEnded);
        LOG.debug("opened {} at {}", c.stream, c.address);
      }
      return c.stream;
    }
  }

  /** The channel to {@code storeId} (for KV reads). */
  ManagedChannel channelFor(long storeId) throws PdException {
    Conn known = current(storeId);
    synchronized (this) {
      return install(storeId, known).channel;
    }
  }

  /** Half-closes every stream that carries no subscription. */
  synchronized void closeIdleStreams() {
    for (Conn c : conns.values()) {
      if (c.stream != null && c.stream.closeIfIdle()) {
        c.stream = null;
      }
    }
  }

  /** Number of streams open now. */
  synchronized int openStreams() {
    int n = 0;
    for (Conn c : conns.values()) {
      n += c.stream != null && !c.stream.isEnded() ? 1 : 0;
    }
    return n;
  }

  /** A store's connection failed: its address will be verified through PD before next use. */
  synchronized void markSuspect(long storeId) {
    Conn c = conns.get(storeId);
    if (c != null) {
      c.recheckAddress = true;
      c.channel.resetConnectBackoff();
    }
  }

  private void onStreamEnded(FeedStream stream, Status status, List<RegionState> orphans) {
    boolean quiet;
    synchronized (this) {
      quiet = closed;
      Conn c = conns.get(stream.storeId);
      if (c != null && c.stream == stream) {
        c.stream = null;
      }
    }
    if (!quiet && !status.isOk()) {
      LOG.info("{} ended: {}; {} subscriptions to re-subscribe", stream, status, orphans.size());
      markSuspect(stream.storeId);
    }
    listener.onStreamEnded(stream, status, orphans);
  }

  /**
   * The store's usable connection, or — when there is none or its address is in doubt — a new one
   * to the address PD gives now (asked outside the lock: PD may be slow, and gRPC threads take this
   * lock when streams end).
   */
  private Conn current(long storeId) throws PdException {
    boolean recheck;
    synchronized (this) {
      if (closed) {
        throw new PdException("puller is closed");
      }
      Conn c = conns.get(storeId);
      if (c != null && !c.recheckAddress) {
        return c;
      }
      recheck = c != null;
    }
    if (recheck) {
      cache.invalidateStore(storeId);
    }
    return new Conn(cache.storeAddress(storeId), security);
  }

  /** Makes {@code candidate} the store's connection unless an equal one is in place. */
  private Conn install(long storeId, Conn candidate) throws PdException {
    if (closed) {
      candidate.channel.shutdown(); // close() cleared the map: the candidate was never installed
      throw new PdException("puller is closed");
    }
    Conn c = conns.get(storeId);
    if (c == candidate) {
      return c;
    }
    if (c != null && c.address.equals(candidate.address)) {
      c.recheckAddress = false;
      candidate.channel.shutdown();
      return c;
    }
    if (c != null) {
      LOG.info("store {} moved from {} to {}", storeId, c.address, candidate.address);
      retire(c);
    }
    conns.put(storeId, candidate);
    return candidate;
  }

  private static void retire(Conn c) {
    if (c.stream != null) {
      c.stream.cancel();
    }
    c.channel.shutdown();
  }

  @Override
  public void close() {
    List<Conn> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(conns.values());
      conns.clear();
    }
    for (Conn c : all) {
      if (c.stream != null) {
        c.stream.cancel();
      }
    }
    for (Conn c : all) {
      GrpcChannels.close(c.channel);
    }
  }
}
