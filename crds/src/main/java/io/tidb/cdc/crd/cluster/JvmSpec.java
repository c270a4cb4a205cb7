package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;

/** JVM settings of the worker process. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JvmSpec(
    @JsonPropertyDescription("Maximum heap (-Xmx), e.g. 2Gi.") Quantity maxHeap,
    @JsonPropertyDescription("Extra JVM options, appended as given.") List<String> options) {}
