package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Desired state of a Changefeed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(oldSelf.startTs) || (has(self.startTs) && self.startTs == oldSelf.startTs)",
    message = "startTs is immutable once set",
    fieldPath = ".startTs")
@ValidationRule(
    value =
        "!has(self.targetTs) || self.targetTs == 0 || !has(self.startTs)"
            + " || self.targetTs > self.startTs",
    message = "targetTs must be greater than startTs (or 0 for never)",
    fieldPath = ".targetTs")
public record ChangefeedSpec(
    @Required
        @Size(max = 253)
        @Pattern(ChangefeedSpec.NAME_PATTERN)
        @JsonPropertyDescription("Name of the TiCDCCluster (same namespace) that runs it.")
        String cluster,
    @Min(0) @JsonPropertyDescription("TSO to start from; absent: now. Immutable once set.")
        Long startTs,
    @Min(0) @JsonPropertyDescription("TSO at which the changefeed finishes; absent or 0: never.")
        Long targetTs,
    @JsonPropertyDescription("running (default), paused or stopped.") ChangefeedState state,
    FilterSpec filter,
    @Required SinkSpec sink,
    @JsonPropertyDescription("SinkPlugin (same namespace) the sink hands rows to.")
        PluginRef pluginRef) {

  /** A Kubernetes object name (DNS-1123 subdomain). */
  public static final String NAME_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
}
