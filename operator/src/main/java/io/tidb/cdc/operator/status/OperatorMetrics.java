package io.tidb.cdc.operator.status;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.crd.changefeed.ChangefeedPhase;
import io.tidb.cdc.crd.changefeed.ChangefeedStatus;
import io.tidb.cdc.operator.placement.Move;
import io.tidb.cdc.operator.placement.PlacementListener;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator's view of each changefeed as Prometheus metrics, from the same status it writes to
 * the resource (JOSDK's own reconciliation metrics come with the Quarkus extension):
 *
 * <ul>
 *   <li>{@code ticdc_operator_changefeed_lag_seconds}, {@code
 *       ticdc_operator_changefeed_checkpoint_time_seconds} (Unix time of the checkpoint), {@code
 *       ticdc_operator_changefeed_tables};
 *   <li>{@code ticdc_operator_changefeed_phase}: 1 for the current phase, 0 for the others;
 *   <li>{@code ticdc_operator_placement_moves_total} by move kind (place, release, handover,
 *       recover, forced).
 * </ul>
 *
 * Tagged {@code namespace} and {@code changefeed}; a deleted changefeed's meters are removed.
 */
public final class OperatorMetrics implements PlacementListener {
  private final MeterRegistry registry;
  private final Map<String, Values> changefeeds = new ConcurrentHashMap<>();

  public OperatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The last status computed for a changefeed (called on every reconcile). */
  public void record(String namespace, String name, ChangefeedStatus status) {
    Values v = changefeeds.computeIfAbsent(key(namespace, name), k -> register(namespace, name));
    v.lagSeconds = status.lagSeconds() == null ? Double.NaN : status.lagSeconds();
    v.tables = status.tableCount() == null ? 0 : status.tableCount();
    v.checkpointSeconds = epochSeconds(status.checkpointTime());
    v.phase = status.phase();
  }

  /** Drops a deleted changefeed's meters. */
  public void forget(String namespace, String name) {
    Values v = changefeeds.remove(key(namespace, name));
    if (v != null) {
      v.meters.forEach(registry::remove);
    }
  }

  @Override
  public void placed(ChangefeedInfo info, List<Move> moves) {
    for (Move m : moves) {
      Counter.builder("ticdc_operator_placement_moves_total")
          .description("Tables placed or moved between workers, by kind")
          .tags(
              Tags.of(
                  "namespace", info.id().namespace(),
                  "changefeed", info.id().name(),
                  "kind", m.kind().name().toLowerCase(java.util.Locale.ROOT)))
          .register(registry)
          .increment();
    }
  }

  private Values register(String namespace, String name) {
    Values v = new Values();
    Tags tags = Tags.of("namespace", namespace, "changefeed", name);
    v.meters.add(
        Gauge.builder("ticdc_operator_changefeed_lag_seconds", v, x -> x.lagSeconds)
            .description("Seconds between now and the changefeed checkpoint")
            .tags(tags)
            .register(registry));
    v.meters.add(
        Gauge.builder(
                "ticdc_operator_changefeed_checkpoint_time_seconds", v, x -> x.checkpointSeconds)
            .description("Unix time of the changefeed checkpoint")
            .tags(tags)
            .register(registry));
    v.meters.add(
        Gauge.builder("ticdc_operator_changefeed_tables", v, x -> x.tables)
            .description("Tables the changefeed replicates")
            .tags(tags)
            .register(registry));
    for (ChangefeedPhase p : ChangefeedPhase.values()) {
      v.meters.add(
          Gauge.builder("ticdc_operator_changefeed_phase", v, x -> x.phase == p ? 1 : 0)
              .description("1 for the changefeed's current phase")
              .tags(tags.and("phase", p.name()))
              .register(registry));
    }
    return v;
  }

  private static double epochSeconds(String rfc3339) {
    if (rfc3339 == null) {
      return Double.NaN;
    }
    try {
      return OffsetDateTime.parse(rfc3339).toInstant().toEpochMilli() / 1000.0;
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** Written by the reconciler, read by the registry's scrapes. */
  private static final class Values {
    final List<Meter> meters = new ArrayList<>();
    volatile double lagSeconds = Double.NaN;
    volatile double checkpointSeconds = Double.NaN;
    volatile double tables;
    volatile ChangefeedPhase phase;
  }
}
