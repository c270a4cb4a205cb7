package io.tidb.cdc.worker.puller.pd;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import io.tidb.cdc.worker.event.Bytes;
import io.tidb.cdc.worker.event.KeySpan;
import io.tidb.cdc.worker.puller.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PdClient} over PD's gRPC API. It finds the PD leader through {@code GetMembers} on any
 * known endpoint and sends every call there; a transport error (unavailable, deadline) backs off,
 * looks for the leader again and retries, up to a bounded number of attempts.
 */
public final class GrpcPdClient implements PdClient {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcPdClient.class);

  /** The PD leader's address and channel. */
  private record Leader(String address, ManagedChannel channel) {}

  private final List<String> seeds;
  private final ChannelSecurity security;
  private final Duration timeout;
  private final Backoff backoff;
  private final int maxAttempts;
  private final Object discoverLock = new Object();
  private final Set<String> members = new LinkedHashSet<>(); // guarded by discoverLock
  private final long clusterId;
  private volatile Leader leader;
  private volatile boolean closed;

  private GrpcPdClient(
      List<String> seeds,
      ChannelSecurity security,
      Duration timeout,
      Backoff backoff,
      int maxAttempts)
      throws PdException {
    this.seeds = List.copyOf(seeds);
    this.security = security;
    this.timeout = timeout;
    this.backoff = backoff;
    this.maxAttempts = maxAttempts;
    Pdpb.GetMembersResponse first = null;
    PdException last = null;
    for (int attempt = 0; attempt < maxAttempts && first == null; attempt++) {
      try {
        first = discover();
      } catch (PdException e) {
        last = e;
        if (!backoff.sleep(attempt)) {
          break;
        }
      }
    }
    if (first == null) {
      throw new PdException(
          "no PD endpoint of "
              + seeds
              + " answered"
              + (last == null ? "" : ": " + last.getMessage()),
          last);
    }
    this.clusterId = first.getHeader().getClusterId();
  }

  /**
   * Connects to the PD cluster at any of {@code endpoints} ({@code host:port} or URLs), in
   * plaintext unless an endpoint is {@code https://} (then TLS with the JVM's trusted CAs).
   *
   * @throws PdException when no endpoint names a leader within {@code maxAttempts} attempts
   */
  public static GrpcPdClient connect(
      List<String> endpoints, Duration rpcTimeout, Backoff backoff, int maxAttempts)
      throws PdException {
    return connect(
        endpoints,
        ChannelSecurity.forPd(endpoints, Optional.empty()),
        rpcTimeout,
        backoff,
        maxAttempts);
  }

  /**
   * Connects to the PD cluster at any of {@code endpoints} over {@code security}; the puller's
   * store channels use the same.
   *
   * @throws PdException when no endpoint names a leader within {@code maxAttempts} attempts
   */
  public static GrpcPdClient connect(
      List<String> endpoints,
      ChannelSecurity security,
      Duration rpcTimeout,
      Backoff backoff,
      int maxAttempts)
      throws PdException {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no PD endpoints given");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("PD attempts must be at least 1, got " + maxAttempts);
    }
    return new GrpcPdClient(endpoints, security, rpcTimeout, backoff, maxAttempts);
  }

  /** Connects with a 10 s deadline per call and 8 attempts backing off from 50 ms to 2 s. */
  public static GrpcPdClient connect(List<String> endpoints) throws PdException {
    return connect(endpoints, ChannelSecurity.forPd(endpoints, Optional.empty()));
  }

  /** {@link #connect(List)} over {@code security}. */
  public static GrpcPdClient connect(List<String> endpoints, ChannelSecurity security)
      throws PdException {
    return connect(
        endpoints,
        security,
        Duration.ofSeconds(10),
        new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2)),
        8);
  }

  @Override
  public ChannelSecurity channelSecurity() {
    return security;
  }

  @Override
  public long clusterId() {
    return clusterId;
  }

  /** The PD leader's host:port as last discovered. */
  public String leaderAddress() {
    return leader.address();
  }

  @Override
  public List<RegionInfo> scanRegions(KeySpan range, int limit) throws PdException {
    if (limit < 1) {
      throw new IllegalArgumentException("scan limit must be positive, got " + limit);
    }
    Pdpb.ScanRegionsResponse resp =
        call(
            "ScanRegions " + range,
            stub ->
                stub.scanRegions(
                    Pdpb.ScanRegionsRequest.newBuilder()
                        .setHeader(header())
                        .setStartKey(EncodedKeys.encode(range.start()))
                        .setEndKey(EncodedKeys.encode(range.end()))
                        .setLimit(limit)
                        .build()),
            Pdpb.ScanRegionsResponse::getHeader);
    List<RegionInfo> out = new ArrayList<>();
    if (resp.getRegionsCount() > 0) {
      for (Pdpb.Region r : resp.getRegionsList()) {
        out.add(RegionInfo.of(r.getRegion(), r.hasLeader() ? r.getLeader() : null));
      }
    } else {
      // PD before 5.x fills only the deprecated parallel lists.
      for (int i = 0; i < resp.getRegionMetasCount(); i++) {
        out.add(
            RegionInfo.of(
                resp.getRegionMetas(i), i < resp.getLeadersCount() ? resp.getLeaders(i) : null));
      }
    }
    return out;
  }

  @Override
  public Optional<RegionInfo> getRegion(Bytes key) throws PdException {
    Pdpb.GetRegionResponse resp =
        call(
            "GetRegion " + key,
            stub ->
                stub.getRegion(
                    Pdpb.GetRegionRequest.newBuilder()
                        .setHeader(header())
                        .setRegionKey(EncodedKeys.encode(key))
                        .build()),
            Pdpb.GetRegionResponse::getHeader);
    if (!resp.hasRegion() || resp.getRegion().getId() == 0) {
      return Optional.empty();
    }
    return Optional.of(RegionInfo.of(resp.getRegion(), resp.hasLeader() ? resp.getLeader() : null));
  }

  @Override
  public StoreInfo getStore(long storeId) throws PdException {
    Pdpb.GetStoreResponse resp =
        call(
            "GetStore " + storeId,
            stub ->
                stub.getStore(
                    Pdpb.GetStoreRequest.newBuilder()
                        .setHeader(header())
                        .setStoreId(storeId)
                        .build()),
            Pdpb.GetStoreResponse::getHeader);
    Metapb.Store s = resp.getStore();
    if (s.getAddress().isEmpty()) {
      throw new PdException("PD knows no address of store " + storeId);
    }
    boolean up = s.getState() == Metapb.StoreState.Up;
    return new StoreInfo(s.getId(), s.getAddress(), up);
  }

  @Override
  public long currentTs() throws PdException {
    Pdpb.TsoResponse resp =
        call(
            "Tso",
            stub -> TsoCall.once(leader.channel(), header(), timeout),
            Pdpb.TsoResponse::getHeader);
    return (resp.getTimestamp().getPhysical() << 18) + resp.getTimestamp().getLogical();
  }

  @Override
  public long gcSafePoint() throws PdException {
    return call(
            "GetGCSafePoint",
            stub ->
                stub.getGCSafePoint(
                    Pdpb.GetGCSafePointRequest.newBuilder().setHeader(header()).build()),
            Pdpb.GetGCSafePointResponse::getHeader)
        .getSafePoint();
  }

  @Override
  public ServiceSafePoint updateServiceGcSafePoint(
      String serviceId, long ttlSeconds, long safePoint) throws PdException {
    Pdpb.UpdateServiceGCSafePointResponse resp =
        call(
            "UpdateServiceGCSafePoint " + serviceId,
            stub ->
                stub.updateServiceGCSafePoint(
                    Pdpb.UpdateServiceGCSafePointRequest.newBuilder()
                        .setHeader(header())
                        .setServiceId(ByteString.copyFromUtf8(serviceId))
                        .setTTL(ttlSeconds)
                        .setSafePoint(safePoint)
                        .build()),
            Pdpb.UpdateServiceGCSafePointResponse::getHeader);
    return new ServiceSafePoint(
        resp.getServiceId().toStringUtf8(), resp.getMinSafePoint(), resp.getTTL());
  }

  @Override
  public void close() {
    closed = true;
    Leader l = leader;
    if (l != null) {
      GrpcChannels.close(l.channel());
    }
  }

  private Pdpb.RequestHeader header() {
    return Pdpb.RequestHeader.newBuilder().setClusterId(clusterId).build();
  }

  private <R> R call(
      String what,
      Function<PDGrpc.PDBlockingStub, R> rpc,
      Function<R, Pdpb.ResponseHeader> headerOf)
      throws PdException {
    StatusRuntimeException last = null;
    for (int attempt = 0; attempt < maxAttempts; attempt++) {
      if (closed) {
        throw new PdException("PD client is closed (" + what + ")");
      }
      Leader l = leader;
      try {
        R resp =
            rpc.apply(
                PDGrpc.newBlockingStub(l.channel())
                    .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS));
        Pdpb.ResponseHeader h = headerOf.apply(resp);
        if (h.hasError() && h.getError().getType() != Pdpb.ErrorType.OK) {
          throw new PdException(
              "PD " + what + ": " + h.getError().getType() + " " + h.getError().getMessage());
        }
        return resp;
      } catch (StatusRuntimeException e) {
        if (!isRetryable(e.getStatus().getCode())) {
          throw new PdException("PD " + what + " failed: " + e.getStatus(), e);
        }
        last = e;
        LOG.info("PD {} at {} failed ({}); retrying", what, l.address(), security.describe(e));
        if (!backoff.sleep(attempt)) {
          throw new PdException("interrupted while retrying PD " + what, e);
        }
        rediscover(l);
      }
    }
    throw new PdException("PD " + what + " failed after " + maxAttempts + " attempts", last);
  }

  private static boolean isRetryable(Status.Code code) {
    return switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED, ABORTED, UNKNOWN -> true;
      default -> false;
    };
  }

  /** Looks for the leader again unless another thread already replaced {@code failed}. */
  private void rediscover(Leader failed) {
    synchronized (discoverLock) {
      if (leader != failed || closed) {
        return;
      }
      try {
        discover();
      } catch (PdException e) {
        LOG.info("PD leader not found yet: {}", e.getMessage());
      }
    }
  }

  /** Asks known members and seeds for the leader and points {@link #leader} at it. */
  private Pdpb.GetMembersResponse discover() throws PdException {
    synchronized (discoverLock) {
      Set<String> candidates = new LinkedHashSet<>(members);
      seeds.forEach(s -> candidates.add(GrpcChannels.hostPort(s)));
      PdException last = null;
      for (String address : candidates) {
        ManagedChannel channel = security.open(address);
        try {
          Pdpb.GetMembersResponse resp =
              PDGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)
                  .getMembers(Pdpb.GetMembersRequest.getDefaultInstance());
          if (resp.getLeader().getClientUrlsCount() == 0) {
            throw new PdException("PD at " + address + " knows no leader yet");
          }
          members.clear();
          resp.getMembersList()
              .forEach(
                  m -> m.getClientUrlsList().forEach(u -> members.add(GrpcChannels.hostPort(u))));
          String leaderAddress = GrpcChannels.hostPort(resp.getLeader().getClientUrls(0));
          if (!leaderAddress.equals(address)) {
            GrpcChannels.close(channel);
            channel = security.open(leaderAddress);
          }
          Leader old = leader;
          leader = new Leader(leaderAddress, channel);
          if (old != null) {
            GrpcChannels.close(old.channel());
          }
          LOG.debug("PD leader is {}", leaderAddress);
          return resp;
        } catch (StatusRuntimeException | PdException e) {
          GrpcChannels.close(channel);
          last =
              e instanceof PdException p
                  ? p
                  : new PdException(
                      "GetMembers at "
                          + address
                          + " failed: "
                          + security.describe((StatusRuntimeException) e),
                      e);
        }
      }
      throw last != null ? last : new PdException("no PD endpoints to ask");
    }
  }
}
