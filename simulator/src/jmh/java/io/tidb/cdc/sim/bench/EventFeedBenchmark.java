package io.tidb.cdc.sim.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.tidb.cdc.kvproto.Cdcpb;
import io.tidb.cdc.kvproto.ChangeDataGrpc;
import io.tidb.cdc.kvproto.Kvrpcpb;
import io.tidb.cdc.sim.Simulator;
import io.tidb.cdc.sim.SimulatorConfig;
import io.tidb.cdc.sim.cluster.Region;
import io.tidb.cdc.sim.txn.Transaction;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * EventFeed output of the simulator in row changes per second, server and client in one process
 * over gRPC on 127.0.0.1. {@code scan}: a fresh subscription's incremental scan of {@value
 * #SCAN_ROWS} committed rows until INITIALIZED. {@code live}: one transaction of {@value #TXN_ROWS}
 * rows, committed and received in full (PREWRITE and COMMIT rows) by a subscribed client; a row
 * change is one committed row. Run from the repository root:
 *
 * <pre>
 * mvn -B -q -Pbench test-compile exec:exec -pl simulator -Djmh.args="EventFeedBenchmark -f 1"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventFeedBenchmark {
  static final int SCAN_ROWS = 200_000;
  static final int TXN_ROWS = 1_000;
  private static final int VALUE_BYTES = 100;

  /** Whether the subscription asks for old values (TiCDC does for most sinks). */
  @Param({"false", "true"})
  public boolean oldValue;

  private Simulator sim;
  private ManagedChannel channel;
  private Region region;
  private final AtomicLong committedRows = new AtomicLong();
  private StreamObserver<Cdcpb.ChangeDataRequest> liveStream;
  private long nextKey;
  private long requestIds;

  private static ByteString key(long i) {
    String digits = Long.toString(i);
    return ByteString.copyFromUtf8("t_r" + "0".repeat(Math.max(0, 12 - digits.length())) + digits);
  }

  private static final ByteString VALUE = ByteString.copyFromUtf8("v".repeat(VALUE_BYTES));

  @Setup(Level.Trial)
  public void start() {
    sim = Simulator.start(SimulatorConfig.defaults().withStores(1).withReplicas(1));
    for (int done = 0; done < SCAN_ROWS; ) {
      Transaction t = sim.txn().begin();
      for (int i = 0; i < 10_000 && done < SCAN_ROWS; i++, done++) {
        t.put(key(done), VALUE);
      }
      t.commit();
    }
    nextKey = SCAN_ROWS;
    region = sim.cluster().regions().all().get(0);
    channel =
        NettyChannelBuilder.forTarget(sim.storeAddresses().get(1L))
            .usePlaintext()
            .maxInboundMessageSize(128 << 20)
            .build();
    liveStream = open(new RowCounter(committedRows, committedRows, false));
    // Subscribe from now: the live subscription sees no scan rows.
    liveStream.onNext(register(sim.txn().currentTs()));
  }

  @TearDown(Level.Trial)
  public void stop() throws InterruptedException {
    liveStream.onCompleted();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    sim.close();
  }

  @Benchmark
  @OperationsPerInvocation(SCAN_ROWS)
  public long scan() throws InterruptedException {
    AtomicLong rows = new AtomicLong();
    Object done = new Object();
    StreamObserver<Cdcpb.ChangeDataRequest> stream = open(new RowCounter(rows, done, true));
    synchronized (done) {
      stream.onNext(register(0));
      while (rows.get() >= 0) {
        done.wait();
      }
    }
    stream.onCompleted();
    if (-rows.get() - 1 != SCAN_ROWS) {
      throw new IllegalStateException("scanned " + (-rows.get() - 1) + " rows");
    }
    return rows.get();
  }

  @Benchmark
  @OperationsPerInvocation(TXN_ROWS)
  public long live() throws InterruptedException {
    long target = committedRows.get() + TXN_ROWS;
    Transaction t = sim.txn().begin();
    for (int i = 0; i < TXN_ROWS; i++) {
      t.put(key(nextKey++), VALUE);
    }
    t.commit();
    // Block rather than spin: the server and the client need the cores.
    synchronized (committedRows) {
      while (committedRows.get() < target) {
        committedRows.wait();
      }
    }
    return target;
  }

  private StreamObserver<Cdcpb.ChangeDataRequest> open(StreamObserver<Cdcpb.ChangeDataEvent> out) {
    return ChangeDataGrpc.newStub(channel).eventFeed(out);
  }

  private Cdcpb.ChangeDataRequest register(long checkpointTs) {
    return Cdcpb.ChangeDataRequest.newBuilder()
        .setHeader(Cdcpb.Header.newBuilder().setClusterId(sim.clusterId()).setTicdcVersion("6.1.0"))
        .setRegionId(region.id())
        .setRegionEpoch(region.epoch())
        .setRequestId(++requestIds)
        .setCheckpointTs(checkpointTs)
        .setExtraOp(oldValue ? Kvrpcpb.ExtraOp.ReadOldValue : Kvrpcpb.ExtraOp.Noop)
        .setRegister(Cdcpb.ChangeDataRequest.Register.getDefaultInstance())
        .build();
  }

  /**
   * Counts COMMITTED and COMMIT rows and wakes waiters on {@code monitor}. With {@code
   * untilInitialized} it stops at INITIALIZED, leaving {@code -(count + 1)} in the counter.
   */
  private static final class RowCounter implements StreamObserver<Cdcpb.ChangeDataEvent> {
    private final AtomicLong rows;
    private final Object monitor;
    private final boolean untilInitialized;

    RowCounter(AtomicLong rows, Object monitor, boolean untilInitialized) {
      this.rows = rows;
      this.monitor = monitor;
      this.untilInitialized = untilInitialized;
    }

    @Override
    public void onNext(Cdcpb.ChangeDataEvent e) {
      for (Cdcpb.Event ev : e.getEventsList()) {
        if (ev.hasError()) {
          throw new IllegalStateException("region error: " + ev.getError());
        }
        long n = 0;
        boolean initialized = false;
        for (Cdcpb.Event.Row row : ev.getEntries().getEntriesList()) {
          switch (row.getType()) {
            case COMMITTED, COMMIT -> n++;
            case INITIALIZED -> initialized = true;
            default -> {}
          }
        }
        if (initialized && untilInitialized) {
          synchronized (monitor) {
            rows.set(-(rows.get() + n) - 1);
            monitor.notifyAll();
          }
        } else if (n > 0) {
          rows.addAndGet(n);
          if (!untilInitialized) {
            synchronized (monitor) {
              monitor.notifyAll();
            }
          }
        }
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
