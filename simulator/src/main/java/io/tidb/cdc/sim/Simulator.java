package io.tidb.cdc.sim;

import com.google.protobuf.ByteString;
import io.tidb.cdc.sim.cdc.CdcHub;
import io.tidb.cdc.sim.cluster.Cluster;
import io.tidb.cdc.sim.fault.FaultInjector;
import io.tidb.cdc.sim.mvcc.Tso;
import io.tidb.cdc.sim.pd.GcSafePoints;
import io.tidb.cdc.sim.pd.PdServer;
import io.tidb.cdc.sim.tikv.StoreServer;
import io.tidb.cdc.sim.txn.TxnClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The upstream simulator: a PD server and N TiKV stores (on 127.0.0.1 unless {@link
 * SimulatorConfig#network()} says otherwise) over one in-memory cluster. {@link #start} returns
 * once every server listens; {@link #close} stops them all and leaves no thread behind.
 */
public final class Simulator implements AutoCloseable {
  private final Cluster cluster;
  private final FaultInjector faults;
  private final CdcHub cdc;
  private final Map<Long, StoreServer> servers;
  private final PdServer pd;
  private final TxnClient txn;
  private final Admin admin;

  private Simulator(
      Cluster cluster,
      FaultInjector faults,
      CdcHub cdc,
      Map<Long, StoreServer> servers,
      PdServer pd) {
    this.cluster = cluster;
    this.faults = faults;
    this.cdc = cdc;
    this.servers = servers;
    this.pd = pd;
    this.txn = new TxnClient(cluster);
    this.admin = new Admin(cluster, servers);
  }

  public static Simulator start(SimulatorConfig config) {
    Cluster cluster =
        new Cluster(
            config.clusterId(), new Tso(), config.stores(), config.replicas(), config.version());
    for (ByteString key : config.splitKeys()) {
      cluster.split(key);
    }
    FaultInjector faults = new FaultInjector();
    CdcHub cdc = new CdcHub(cluster, faults, config.cdc());
    Map<Long, StoreServer> servers = new LinkedHashMap<>();
    PdServer pd = null;
    try {
      for (int i = 0; i < config.stores(); i++) {
        long id = i + 1;
        StoreServer server = new StoreServer(id, cluster, cdc, faults, config.network());
        servers.put(id, server);
        int port = server.start(config.storePorts().isEmpty() ? 0 : config.storePorts().get(i));
        cluster.setStoreAddress(id, config.network().advertised(port));
      }
      pd = PdServer.start(cluster, config.pdPort(), config.version(), config.network());
    } catch (RuntimeException e) {
      servers.values().forEach(StoreServer::close);
      cdc.close();
      throw e;
    }
    return new Simulator(cluster, faults, cdc, servers, pd);
  }

  /** host:port of PD. */
  public String pdAddress() {
    return pd.address();
  }

  /** Store id → host:port. */
  public Map<Long, String> storeAddresses() {
    Map<Long, String> out = new LinkedHashMap<>();
    cluster.stores().forEach(s -> out.put(s.id(), s.address()));
    return out;
  }

  public long clusterId() {
    return cluster.clusterId();
  }

  /** Transactions and snapshot reads. */
  public TxnClient txn() {
    return txn;
  }

  /** Split, merge, leader transfer, store stop and start. */
  public Admin admin() {
    return admin;
  }

  public FaultInjector faults() {
    return faults;
  }

  /** The cluster model: regions, stores, TSO, MVCC store. */
  public Cluster cluster() {
    return cluster;
  }

  public GcSafePoints gcSafePoints() {
    return pd.gcSafePoints();
  }

  /** The CDC endpoint (subscription counts for tests). */
  public CdcHub cdc() {
    return cdc;
  }

  @Override
  public void close() {
    pd.close();
    cdc.close();
    servers.values().forEach(StoreServer::close);
  }
}
