package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One live worker (capture) as the operator last saw it in etcd. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CaptureStatus(String id, String address, Boolean ready, Integer tables) {}
