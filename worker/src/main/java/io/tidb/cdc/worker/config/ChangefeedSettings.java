package io.tidb.cdc.worker.config;

import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.sink.SinkUri;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated changefeed with every default applied: what the pipeline runs.
 *
 * @param startTs where to start when no checkpoint is stored; 0 means the current TSO
 * @param targetTs where to finish; 0 means never
 * @param sinkUri the sink URI with the protocol and options merged into its parameters
 */
public record ChangefeedSettings(
    String namespace,
    String name,
    String cluster,
    List<String> pdAddresses,
    Duration gcTtl,
    long sorterMemoryBytes,
    long startTs,
    long targetTs,
    DesiredState state,
    ChangefeedFilter.Config filter,
    SinkUri sinkUri) {

  public ChangefeedSettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    pdAddresses = List.copyOf(pdAddresses);
    Objects.requireNonNull(gcTtl, "gcTtl");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(sinkUri, "sinkUri");
  }

  public boolean hasTargetTs() {
    return targetTs > 0;
  }

  /** {@code namespace/name}, how logs and the status name the changefeed. */
  public String id() {
    return namespace + "/" + name;
  }

  public ChangefeedSettings withStartTs(long ts) {
    return new ChangefeedSettings(
        namespace,
        name,
        cluster,
        pdAddresses,
        gcTtl,
        sorterMemoryBytes,
        ts,
        targetTs,
        state,
        filter,
        sinkUri);
  }

  public ChangefeedSettings withTargetTs(long ts) {
    return new ChangefeedSettings(
        namespace,
        name,
        cluster,
        pdAddresses,
        gcTtl,
        sorterMemoryBytes,
        startTs,
        ts,
        state,
        filter,
        sinkUri);
  }

  public ChangefeedSettings withSinkUri(SinkUri uri) {
    return new ChangefeedSettings(
        namespace,
        name,
        cluster,
        pdAddresses,
        gcTtl,
        sorterMemoryBytes,
        startTs,
        targetTs,
        state,
        filter,
        uri);
  }

  public ChangefeedSettings withSorterMemoryBytes(long bytes) {
    return new ChangefeedSettings(
        namespace,
        name,
        cluster,
        pdAddresses,
        gcTtl,
        bytes,
        startTs,
        targetTs,
        state,
        filter,
        sinkUri);
  }
}
