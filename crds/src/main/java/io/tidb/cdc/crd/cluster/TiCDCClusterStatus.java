package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a TiCDCCluster, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TiCDCClusterStatus(
    Long observedGeneration,
    Integer replicas,
    Integer readyWorkers,
    List<CaptureStatus> captures,
    DrainStatus drain,
    List<Condition> conditions) {

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this status's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder()
        .observedGeneration(observedGeneration)
        .replicas(replicas)
        .readyWorkers(readyWorkers)
        .captures(captures)
        .drain(drain)
        .conditions(conditions);
  }

  /** Builds a status field by field; unset fields stay null. */
  public static final class Builder {
    private Long observedGeneration;
    private Integer replicas;
    private Integer readyWorkers;
    private List<CaptureStatus> captures;
    private DrainStatus drain;
    private List<Condition> conditions;

    private Builder() {}

    public Builder observedGeneration(Long value) {
      observedGeneration = value;
      return this;
    }

    public Builder replicas(Integer value) {
      replicas = value;
      return this;
    }

    public Builder readyWorkers(Integer value) {
      readyWorkers = value;
      return this;
    }

    public Builder captures(List<CaptureStatus> value) {
      captures = value;
      return this;
    }

    public Builder drain(DrainStatus value) {
      drain = value;
      return this;
    }

    public Builder conditions(List<Condition> value) {
      conditions = value;
      return this;
    }

    public TiCDCClusterStatus build() {
      return new TiCDCClusterStatus(
          observedGeneration, replicas, readyWorkers, captures, drain, conditions);
    }
  }
}
