package io.tidb.cdc.worker.capture;

import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.EtcdLayout;
import java.time.Duration;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture's registration: a lease, kept alive about three times per TTL, and {@code
 * captures/<id>} = {@link CaptureInfo} under it. When etcd says the lease is gone, or no keep-alive
 * succeeded for a whole TTL, the lease counts as lost: {@code onLost} runs (the capture stops every
 * table at once) and the session registers again with a new lease. Registering deletes the
 * capture's own drain key (a restarted pod starts fresh).
 */
final class CaptureSession {
  private static final Logger LOG = LoggerFactory.getLogger(CaptureSession.class);

  private final Etcd etcd;
  private final EtcdLayout layout;
  private final CaptureInfo info;
  private final Duration ttl;
  private final LongConsumer onLost;
  private volatile long leaseId;
  private long lastKeptAlive;
  private volatile long registeredAt;

  /**
   * @param onLost called with the lost lease id, before registering again
   */
  CaptureSession(
      Etcd etcd, EtcdLayout layout, CaptureInfo info, Duration ttl, LongConsumer onLost) {
    this.etcd = etcd;
    this.layout = layout;
    this.info = info;
    this.ttl = ttl;
    this.onLost = onLost;
  }

  /** The current lease, 0 while not registered. */
  long leaseId() {
    return leaseId;
  }

  /** When the current lease was granted (wall clock). */
  long registeredAtMillis() {
    return registeredAt;
  }

  String captureId() {
    return info.id();
  }

  /** Grants a lease and writes the capture key under it. */
  void register() {
    long id =
        Etcd.await("grant lease", etcd.client().getLeaseClient().grant(ttl.toSeconds())).getID();
    etcd.put(layout.capture(info.id()), info, id);
    etcd.delete(layout.drain(info.id()));
    leaseId = id;
    lastKeptAlive = System.currentTimeMillis();
    registeredAt = lastKeptAlive;
    LOG.info(
        "capture {} registered under lease {} (ttl {} s)",
        info.id(),
        Long.toHexString(id),
        ttl.toSeconds());
  }

  /** Keeps the lease alive; call about every {@code ttl / 3}. Re-registers after a loss. */
  void keepAlive() {
    long id = leaseId;
    if (id == 0) {
      tryRegister();
      return;
    }
    boolean lost;
    try {
      LeaseKeepAliveResponse r =
          Etcd.await("keep lease alive", etcd.client().getLeaseClient().keepAliveOnce(id));
      lost = r.getTTL() <= 0;
      if (!lost) {
        lastKeptAlive = System.currentTimeMillis();
      }
    } catch (Etcd.EtcdException e) {
      String m = String.valueOf(e.getMessage());
      lost = m.contains("not found") || System.currentTimeMillis() - lastKeptAlive > ttl.toMillis();
      if (!lost) {
        LOG.warn("capture {}: keep-alive failed ({}); retrying", info.id(), m);
      }
    }
    if (lost) {
      LOG.warn("capture {}: lease {} lost; stopping its tables", info.id(), Long.toHexString(id));
      leaseId = 0;
      onLost.accept(id);
      tryRegister();
    }
  }

  private void tryRegister() {
    try {
      register();
    } catch (Etcd.EtcdException e) {
      LOG.warn("capture {}: cannot register ({}); retrying", info.id(), e.getMessage());
    }
  }

  /** Revokes the lease: the capture key goes at once (a clean exit). */
  void close() {
    long id = leaseId;
    leaseId = 0;
    if (id != 0) {
      try {
        Etcd.await("revoke lease", etcd.client().getLeaseClient().revoke(id));
      } catch (Etcd.EtcdException e) {
        LOG.debug("revoking the lease: {}", e.getMessage());
      }
    }
  }
}
