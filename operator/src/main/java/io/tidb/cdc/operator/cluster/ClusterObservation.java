package io.tidb.cdc.operator.cluster;

import io.tidb.cdc.operator.etcd.ClusterSnapshot;
import java.time.Duration;

/**
 * What one reconcile saw of a TiCDCCluster's workers.
 *
 * @param replicas spec.replicas (defaulted)
 * @param statefulSetReplicas the StatefulSet's replicas (0 when absent)
 * @param readyWorkers the StatefulSet's ready replicas
 * @param snapshot the etcd state, or null when etcd could not be read
 * @param etcdError why etcd could not be read, or null
 * @param tlsError why the etcd TLS Secret cannot be used (names the Secret), or null
 * @param drain the scale-down decision
 * @param drainTimeout the drain timeout in force
 * @param specError why the spec cannot be acted on, or null
 */
public record ClusterObservation(
    int replicas,
    int statefulSetReplicas,
    int readyWorkers,
    ClusterSnapshot snapshot,
    String etcdError,
    String tlsError,
    DrainPlan drain,
    Duration drainTimeout,
    String specError) {}
