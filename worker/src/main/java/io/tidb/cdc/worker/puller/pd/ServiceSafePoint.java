package io.tidb.cdc.worker.puller.pd;

/**
 * PD's answer to a service GC safe point update: the smallest service safe point now in force (ours
 * or another service's) and whose it is.
 */
public record ServiceSafePoint(String minServiceId, long minSafePoint, long ttlSeconds) {}
