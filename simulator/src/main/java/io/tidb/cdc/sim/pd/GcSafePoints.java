package io.tidb.cdc.sim.pd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * PD's GC safe points: the GC worker's safe point (only moves forward) and the service safe points
 * with TTLs (TiCDC registers one per changefeed owner). Rules follow PD's SafePointManager: an
 * update below the current minimum is refused and answered with that minimum; a TTL &lt;= 0 removes
 * the service; expired services are dropped when the minimum is computed; "gc_worker" is created at
 * 0 (or at the minimum of the others) and never expires.
 */
public final class GcSafePoints {
  public static final String GC_WORKER = "gc_worker";

  /** A service safe point; {@code expiredAt} is in unix seconds. */
  public record ServiceSafePoint(String serviceId, long expiredAt, long safePoint) {}

  /** Result of an update: the minimum after it, and whether the caller's point was stored. */
  public record Update(ServiceSafePoint min, boolean updated) {}

  private final LongSupplier nowSeconds;
  private final Map<String, ServiceSafePoint> services = new LinkedHashMap<>();
  private long gcSafePoint;

  public GcSafePoints(LongSupplier nowSeconds) {
    this.nowSeconds = nowSeconds;
  }

  public synchronized long gcSafePoint() {
    return gcSafePoint;
  }

  /** Moves the GC safe point forward; returns the value before the call. */
  public synchronized long updateGcSafePoint(long safePoint) {
    long old = gcSafePoint;
    if (safePoint > old) {
      gcSafePoint = safePoint;
    }
    return old;
  }

  /** PD's UpdateServiceGCSafePoint. */
  public synchronized Update updateService(String serviceId, long safePoint, long ttlSeconds) {
    long now = nowSeconds.getAsLong();
    if (ttlSeconds <= 0) {
      services.remove(serviceId);
    }
    ServiceSafePoint min = loadMin(now);
    if (ttlSeconds <= 0 || Long.compareUnsigned(safePoint, min.safePoint()) < 0) {
      return new Update(min, false);
    }
    long expiredAt = Long.MAX_VALUE - now <= ttlSeconds ? Long.MAX_VALUE : now + ttlSeconds;
    services.put(serviceId, new ServiceSafePoint(serviceId, expiredAt, safePoint));
    if (serviceId.equals(min.serviceId())) {
      min = loadMin(now);
    }
    return new Update(min, true);
  }

  /** The current minimum service safe point (dropping expired ones). */
  public synchronized ServiceSafePoint minServiceSafePoint() {
    return loadMin(nowSeconds.getAsLong());
  }

  /** All live service safe points. */
  public synchronized List<ServiceSafePoint> services() {
    loadMin(nowSeconds.getAsLong());
    return List.copyOf(services.values());
  }

  public long nowSeconds() {
    return nowSeconds.getAsLong();
  }

  private ServiceSafePoint loadMin(long now) {
    if (services.isEmpty()) {
      return initGcWorker(0);
    }
    ServiceSafePoint min = null;
    boolean hasGcWorker = false;
    for (ServiceSafePoint s : List.copyOf(services.values())) {
      if (s.serviceId().equals(GC_WORKER)) {
        hasGcWorker = true;
      }
      if (s.expiredAt() < now) {
        services.remove(s.serviceId());
        continue;
      }
      if (min == null || Long.compareUnsigned(s.safePoint(), min.safePoint()) < 0) {
        min = s;
      }
    }
    if (min == null) {
      return initGcWorker(0);
    }
    if (!hasGcWorker) {
      return initGcWorker(min.safePoint());
    }
    return min;
  }

  private ServiceSafePoint initGcWorker(long safePoint) {
    ServiceSafePoint s = new ServiceSafePoint(GC_WORKER, Long.MAX_VALUE, safePoint);
    services.put(GC_WORKER, s);
    return s;
  }
}
