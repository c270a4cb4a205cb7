package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

/** Observed state of a Changefeed, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangefeedStatus(
    ChangefeedPhase phase,
    Long checkpointTs,
    @JsonPropertyDescription("RFC 3339 physical time of checkpointTs.") String checkpointTime,
    Long resolvedTs,
    @JsonPropertyDescription("Seconds between now and the checkpoint time.") Double lagSeconds,
    Integer tableCount,
    @JsonPropertyDescription("Tables placed on each capture, by capture id.")
        Map<String, Integer> tablesPerWorker,
    @JsonPropertyDescription("Capture id of the elected maintainer.") String maintainer,
    LastError lastError,
    Long observedGeneration,
    List<Condition> conditions) {

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this status's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder()
        .phase(phase)
        .checkpointTs(checkpointTs)
        .checkpointTime(checkpointTime)
        .resolvedTs(resolvedTs)
        .lagSeconds(lagSeconds)
        .tableCount(tableCount)
        .tablesPerWorker(tablesPerWorker)
        .maintainer(maintainer)
        .lastError(lastError)
        .observedGeneration(observedGeneration)
        .conditions(conditions);
  }

  /** Builds a status field by field; unset fields stay null. */
  public static final class Builder {
    private ChangefeedPhase phase;
    private Long checkpointTs;
    private String checkpointTime;
    private Long resolvedTs;
    private Double lagSeconds;
    private Integer tableCount;
    private Map<String, Integer> tablesPerWorker;
    private String maintainer;
    private LastError lastError;
    private Long observedGeneration;
    private List<Condition> conditions;

    private Builder() {}

    public Builder phase(ChangefeedPhase value) {
      phase = value;
      return this;
    }

    public Builder checkpointTs(Long value) {
      checkpointTs = value;
      return this;
    }

    public Builder checkpointTime(String value) {
      checkpointTime = value;
      return this;
    }

    public Builder resolvedTs(Long value) {
      resolvedTs = value;
      return this;
    }

    public Builder lagSeconds(Double value) {
      lagSeconds = value;
      return this;
    }

    public Builder tableCount(Integer value) {
      tableCount = value;
      return this;
    }

    public Builder tablesPerWorker(Map<String, Integer> value) {
      tablesPerWorker = value;
      return this;
    }

    public Builder maintainer(String value) {
      maintainer = value;
      return this;
    }

    public Builder lastError(LastError value) {
      lastError = value;
      return this;
    }

    public Builder observedGeneration(Long value) {
      observedGeneration = value;
      return this;
    }

    public Builder conditions(List<Condition> value) {
      conditions = value;
      return this;
    }

    public ChangefeedStatus build() {
      return new ChangefeedStatus(
          phase,
          checkpointTs,
          checkpointTime,
          resolvedTs,
          lagSeconds,
          tableCount,
          tablesPerWorker,
          maintainer,
          lastError,
          observedGeneration,
          conditions);
    }
  }
}
