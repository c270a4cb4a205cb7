package io.tidb.cdc.operator.changefeed;

import io.tidb.cdc.crd.changefeed.ChangefeedState;
import io.tidb.cdc.operator.etcd.ChangefeedSnapshot;
import java.util.Set;

/**
 * What one reconcile saw of a changefeed.
 *
 * @param generation the resource's metadata.generation
 * @param state the desired state (defaulted)
 * @param problem why the changefeed cannot run (invalid spec), or null
 * @param waitingFor what it waits for before it can run (e.g. its cluster), or null
 * @param etcdError why etcd could not be read, or null
 * @param snapshot its etcd state (null when etcd could not be read)
 * @param liveCaptures the cluster's live captures
 * @param tlsError why the cluster's etcd TLS Secret cannot be used (names the Secret), or null
 */
public record ChangefeedObservation(
    long generation,
    ChangefeedState state,
    String problem,
    String waitingFor,
    String etcdError,
    ChangefeedSnapshot snapshot,
    Set<String> liveCaptures,
    String tlsError) {
  public ChangefeedObservation(
      long generation,
      ChangefeedState state,
      String problem,
      String waitingFor,
      String etcdError,
      ChangefeedSnapshot snapshot,
      Set<String> liveCaptures) {
    this(generation, state, problem, waitingFor, etcdError, snapshot, liveCaptures, null);
  }

  /** The same observation, with etcd not even tried because its TLS Secret is unusable. */
  public ChangefeedObservation withTlsError(String why) {
    return new ChangefeedObservation(
        generation, state, problem, waitingFor, etcdError, null, liveCaptures, why);
  }
}
