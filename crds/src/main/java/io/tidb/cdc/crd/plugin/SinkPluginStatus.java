package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** Observed state of a SinkPlugin and its rollout, written by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SinkPluginStatus(
    @JsonPropertyDescription("Version every worker runs.") String activeVersion,
    @JsonPropertyDescription("Version being rolled out.") String targetVersion,
    RolloutPhase rolloutPhase,
    @JsonPropertyDescription("Per-worker answers in the current rollout.")
        List<Acknowledgement> acknowledgements,
    Long observedGeneration,
    List<Condition> conditions) {

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this status's values, to change a few of them. */
  public Builder toBuilder() {
    return new Builder()
        .activeVersion(activeVersion)
        .targetVersion(targetVersion)
        .rolloutPhase(rolloutPhase)
        .acknowledgements(acknowledgements)
        .observedGeneration(observedGeneration)
        .conditions(conditions);
  }

  /** Builds a status field by field; unset fields stay null. */
  public static final class Builder {
    private String activeVersion;
    private String targetVersion;
    private RolloutPhase rolloutPhase;
    private List<Acknowledgement> acknowledgements;
    private Long observedGeneration;
    private List<Condition> conditions;

    private Builder() {}

    public Builder activeVersion(String value) {
      activeVersion = value;
      return this;
    }

    public Builder targetVersion(String value) {
      targetVersion = value;
      return this;
    }

    public Builder rolloutPhase(RolloutPhase value) {
      rolloutPhase = value;
      return this;
    }

    public Builder acknowledgements(List<Acknowledgement> value) {
      acknowledgements = value;
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

    public SinkPluginStatus build() {
      return new SinkPluginStatus(
          activeVersion,
          targetVersion,
          rolloutPhase,
          acknowledgements,
          observedGeneration,
          conditions);
    }
  }
}
