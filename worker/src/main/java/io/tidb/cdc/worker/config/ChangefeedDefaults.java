package io.tidb.cdc.worker.config;

import io.tidb.cdc.worker.filter.CaseSensitivity;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.filter.EventFilterRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The defaults of a changefeed file, applied in one place (the records have none, so a Kubernetes
 * server-side apply never writes a default back over a user's value): namespace {@code default}, GC
 * TTL 24 h (TiCDC's {@code gc-ttl}), sorter memory 1 GiB per changefeed, start at the current TSO,
 * no target ts, state running, filter {@code *.*} case-insensitive, file sinks in canal-json.
 */
public final class ChangefeedDefaults {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(ChangefeedDefaults.class);
  public static final String NAMESPACE = "default";
  public static final Duration GC_TTL = Duration.ofHours(24);
  public static final long SORTER_MEMORY_BYTES = 1L << 30;

  private ChangefeedDefaults() {}

  /**
   * Reads, validates and completes a standalone file.
   *
   * @throws ConfigException listing every problem, before anything runs
   */
  public static ChangefeedSettings load(Path file) throws ConfigException {
    StandaloneFile f = ResourceFile.read(file);
    ChangefeedSettings s = validated(f, file.toString());
    List<String> ignored = KubernetesOnlyFields.present(f);
    if (!ignored.isEmpty()) {
      LOG.info("{}: ignored standalone (Kubernetes only): {}", file, String.join(", ", ignored));
    }
    return s;
  }

  /** Validates and completes {@code file}; {@code source} names it in messages. */
  public static ChangefeedSettings validated(StandaloneFile file, String source)
      throws ConfigException {
    List<ConfigProblem> problems = ChangefeedValidator.validate(file);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return apply(file);
  }

  /**
   * Applies the defaults to a file {@link ChangefeedValidator} found no problem in.
   *
   * @throws IllegalArgumentException when the file was not valid
   */
  public static ChangefeedSettings apply(StandaloneFile file) {
    TiCdcCluster cluster = file.cluster();
    Changefeed cf = file.changefeed();
    ChangefeedSpec spec = cf.spec();
    TiCdcClusterSpec cs = cluster.spec();
    List<ConfigProblem> problems = new ArrayList<>();
    var sinkUri = SinkSettings.resolve(spec.sink(), "Changefeed", problems);
    if (sinkUri == null) {
      throw new IllegalArgumentException("invalid changefeed: " + problems);
    }
    String namespace =
        Optional.ofNullable(cf.metadata().namespace()).filter(s -> !s.isEmpty()).orElse(NAMESPACE);
    return new ChangefeedSettings(
        namespace,
        cf.metadata().name(),
        spec.cluster(),
        cs.upstream().pdAddresses(),
        Optional.ofNullable(cs.gcTtl()).map(GoDuration::parse).orElse(GC_TTL),
        Optional.ofNullable(cs.worker())
            .map(WorkerSpec::sorterMemory)
            .map(Quantity::parseBytes)
            .orElse(SORTER_MEMORY_BYTES),
        Optional.ofNullable(spec.startTs()).orElse(0L),
        Optional.ofNullable(spec.targetTs()).orElse(0L),
        Optional.ofNullable(spec.state())
            .map(s -> DesiredState.parse(s).orElseThrow())
            .orElse(DesiredState.RUNNING),
        filter(spec.filter()),
        sinkUri);
  }

  /** The filter config of {@code spec.filter} with defaults. */
  public static ChangefeedFilter.Config filter(FilterSpec f) {
    if (f == null) {
      return ChangefeedFilter.Config.ofRules(List.of());
    }
    List<EventFilterRule> events = new ArrayList<>();
    if (f.eventFilters() != null) {
      for (EventFilterSpec e : f.eventFilters()) {
        events.add(new EventFilterRule(e.matcher(), e.ignoreEvent(), e.ignoreSql()));
      }
    }
    return new ChangefeedFilter.Config(
        f.rules(),
        Boolean.TRUE.equals(f.caseSensitive())
            ? CaseSensitivity.SENSITIVE
            : CaseSensitivity.INSENSITIVE,
        events,
        f.ignoreTxnStartTs());
  }
}
