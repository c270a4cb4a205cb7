package io.tidb.cdc.sim.pd;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Metapb;
import io.tidb.cdc.kvproto.PDGrpc;
import io.tidb.cdc.kvproto.Pdpb;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.cluster.StoreNode;
import io.tidb.cdc.sim.mvcc.Tso;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The PD gRPC API a TiCDC-like client and tikv-client-java use: members, TSO, region lookup and
 * scan (boundaries memcomparable-encoded), stores, and GC safe points. Every response header
 * carries the cluster id; a request naming another cluster fails with FAILED_PRECONDITION, as PD's
 * validateRequest does. Other PD RPCs answer UNIMPLEMENTED.
 */
public final class PdService extends PDGrpc.PDImplBase {
  private final Cluster cluster;
  private final GcSafePoints gc;
  private final Supplier<PdMember> member;

  /** {@code member} is read per call: its URL is known only once the server is bound. */
  public PdService(Cluster cluster, GcSafePoints gc, Supplier<PdMember> member) {
    this.cluster = cluster;
    this.gc = gc;
    this.member = member;
  }

  @Override
  public void getMembers(Pdpb.GetMembersRequest req, StreamObserver<Pdpb.GetMembersResponse> out) {
    // PD answers GetMembers whatever cluster id the request carries.
    Pdpb.Member m = member.get().toProto();
    reply(
        out,
        Pdpb.GetMembersResponse.newBuilder()
            .setHeader(header())
            .addMembers(m)
            .setLeader(m)
            .setEtcdLeader(m)
            .build());
  }

  @Override
  public StreamObserver<Pdpb.TsoRequest> tso(StreamObserver<Pdpb.TsoResponse> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(Pdpb.TsoRequest req) {
        Status bad = validate(req.getHeader());
        if (bad != null) {
          out.onError(bad.asRuntimeException());
          return;
        }
        int count = req.getCount();
        if (count == 0) {
          out.onError(
              Status.INVALID_ARGUMENT
                  .withDescription("tso count should be positive")
                  .asRuntimeException());
          return;
        }
        long ts = cluster.tso().next(count);
        out.onNext(
            Pdpb.TsoResponse.newBuilder()
                .setHeader(header())
                .setCount(count)
                .setTimestamp(
                    Pdpb.Timestamp.newBuilder()
                        .setPhysical(Tso.physicalOf(ts))
                        .setLogical(Tso.logicalOf(ts)))
                .build());
      }

      @Override
      public void onError(Throwable t) {
        // The client went away; nothing to clean up.
      }

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }

  @Override
  public void getRegion(Pdpb.GetRegionRequest req, StreamObserver<Pdpb.GetRegionResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> regionResponse(Optional.of(cluster.regions().locateEncoded(req.getRegionKey()))));
  }

  @Override
  public void getPrevRegion(Pdpb.GetRegionRequest req, StreamObserver<Pdpb.GetRegionResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          var table = cluster.regions();
          return regionResponse(table.previous(table.locateEncoded(req.getRegionKey())));
        });
  }

  @Override
  public void getRegionByID(
      Pdpb.GetRegionByIDRequest req, StreamObserver<Pdpb.GetRegionResponse> out) {
    handle(req.getHeader(), out, () -> regionResponse(cluster.regions().byId(req.getRegionId())));
  }

  @Override
  public void scanRegions(
      Pdpb.ScanRegionsRequest req, StreamObserver<Pdpb.ScanRegionsResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          Pdpb.ScanRegionsResponse.Builder b =
              Pdpb.ScanRegionsResponse.newBuilder().setHeader(header());
          for (Region r :
              cluster.regions().scanEncoded(req.getStartKey(), req.getEndKey(), req.getLimit())) {
            Metapb.Peer leader = r.leader().toProto();
            b.addRegionMetas(r.meta()).addLeaders(leader);
            b.addRegions(Pdpb.Region.newBuilder().setRegion(r.meta()).setLeader(leader));
          }
          return b.build();
        });
  }

  @Override
  public void getStore(Pdpb.GetStoreRequest req, StreamObserver<Pdpb.GetStoreResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          Optional<StoreNode> store =
              cluster.stores().stream().filter(s -> s.id() == req.getStoreId()).findFirst();
          if (store.isEmpty()) {
            return Pdpb.GetStoreResponse.newBuilder()
                .setHeader(
                    error(
                        Pdpb.ErrorType.UNKNOWN,
                        "invalid store ID " + req.getStoreId() + ", not found"))
                .build();
          }
          return Pdpb.GetStoreResponse.newBuilder()
              .setHeader(header())
              .setStore(store.get().toProto())
              .setStats(Pdpb.StoreStats.newBuilder().setStoreId(req.getStoreId()))
              .build();
        });
  }

  @Override
  public void getAllStores(
      Pdpb.GetAllStoresRequest req, StreamObserver<Pdpb.GetAllStoresResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          Pdpb.GetAllStoresResponse.Builder b =
              Pdpb.GetAllStoresResponse.newBuilder().setHeader(header());
          cluster.stores().forEach(s -> b.addStores(s.toProto()));
          return b.build();
        });
  }

  @Override
  public void getClusterConfig(
      Pdpb.GetClusterConfigRequest req, StreamObserver<Pdpb.GetClusterConfigResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          int replicas = cluster.regions().all().get(0).peers().size();
          return Pdpb.GetClusterConfigResponse.newBuilder()
              .setHeader(header())
              .setCluster(
                  Metapb.Cluster.newBuilder().setId(cluster.clusterId()).setMaxPeerCount(replicas))
              .build();
        });
  }

  @Override
  public void isBootstrapped(
      Pdpb.IsBootstrappedRequest req, StreamObserver<Pdpb.IsBootstrappedResponse> out) {
    handle(
        req.getHeader(),
        out,
        () ->
            Pdpb.IsBootstrappedResponse.newBuilder()
                .setHeader(header())
                .setBootstrapped(true)
                .build());
  }

  @Override
  public void allocID(Pdpb.AllocIDRequest req, StreamObserver<Pdpb.AllocIDResponse> out) {
    handle(
        req.getHeader(),
        out,
        () ->
            Pdpb.AllocIDResponse.newBuilder().setHeader(header()).setId(cluster.allocId()).build());
  }

  @Override
  public void getGCSafePoint(
      Pdpb.GetGCSafePointRequest req, StreamObserver<Pdpb.GetGCSafePointResponse> out) {
    handle(
        req.getHeader(),
        out,
        () ->
            Pdpb.GetGCSafePointResponse.newBuilder()
                .setHeader(header())
                .setSafePoint(gc.gcSafePoint())
                .build());
  }

  @Override
  public void updateGCSafePoint(
      Pdpb.UpdateGCSafePointRequest req, StreamObserver<Pdpb.UpdateGCSafePointResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          long old = gc.updateGcSafePoint(req.getSafePoint());
          // PD answers the new point, or the old one when asked to move backwards.
          return Pdpb.UpdateGCSafePointResponse.newBuilder()
              .setHeader(header())
              .setNewSafePoint(Math.max(old, req.getSafePoint()))
              .build();
        });
  }

  @Override
  public void updateServiceGCSafePoint(
      Pdpb.UpdateServiceGCSafePointRequest req,
      StreamObserver<Pdpb.UpdateServiceGCSafePointResponse> out) {
    handle(
        req.getHeader(),
        out,
        () -> {
          String id = req.getServiceId().toString(StandardCharsets.UTF_8);
          GcSafePoints.ServiceSafePoint min =
              gc.updateService(id, req.getSafePoint(), req.getTTL()).min();
          long ttl =
              min.expiredAt() == Long.MAX_VALUE
                  ? Long.MAX_VALUE - gc.nowSeconds()
                  : min.expiredAt() - gc.nowSeconds();
          return Pdpb.UpdateServiceGCSafePointResponse.newBuilder()
              .setHeader(header())
              .setServiceId(ByteString.copyFromUtf8(min.serviceId()))
              .setTTL(ttl)
              .setMinSafePoint(min.safePoint())
              .build();
        });
  }

  private Pdpb.GetRegionResponse regionResponse(Optional<Region> region) {
    Pdpb.GetRegionResponse.Builder b = Pdpb.GetRegionResponse.newBuilder().setHeader(header());
    region.ifPresent(r -> b.setRegion(r.meta()).setLeader(r.leader().toProto()));
    return b.build();
  }

  private <R> void handle(Pdpb.RequestHeader header, StreamObserver<R> out, Supplier<R> body) {
    Status bad = validate(header);
    if (bad != null) {
      out.onError(bad.asRuntimeException());
      return;
    }
    reply(out, body.get());
  }

  private Status validate(Pdpb.RequestHeader header) {
    if (header.getClusterId() != cluster.clusterId()) {
      return Status.FAILED_PRECONDITION.withDescription(
          "mismatch cluster id, need " + cluster.clusterId() + " but got " + header.getClusterId());
    }
    return null;
  }

  private Pdpb.ResponseHeader header() {
    return Pdpb.ResponseHeader.newBuilder().setClusterId(cluster.clusterId()).build();
  }

  private Pdpb.ResponseHeader error(Pdpb.ErrorType type, String message) {
    return Pdpb.ResponseHeader.newBuilder()
        .setClusterId(cluster.clusterId())
        .setError(Pdpb.Error.newBuilder().setType(type).setMessage(message))
        .build();
  }

  private static <R> void reply(StreamObserver<R> out, R response) {
    out.onNext(response);
    out.onCompleted();
  }
}
