package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One worker's answer in a rollout: the version it runs and the phase it reached. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Acknowledgement(String capture, String version, RolloutPhase phase, String message) {}
