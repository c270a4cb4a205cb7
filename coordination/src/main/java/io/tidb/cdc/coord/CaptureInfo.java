package io.tidb.cdc.coord;

/**
 * A live worker ("capture"), written by the worker under a lease: the key disappears when the
 * worker stops renewing it, and that is how the operator learns a capture is gone.
 *
 * @param id the capture id: the pod name on Kubernetes (stable across restarts of a StatefulSet
 *     pod), a chosen name elsewhere
 * @param address where its HTTP endpoint answers ({@code host:port})
 * @param version the worker's version
 * @param startedAtMillis when this incarnation registered (a restart is a new incarnation)
 */
public record CaptureInfo(String id, String address, String version, long startedAtMillis) {}
