package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Settings passed to every worker. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkerSpec(
    @JsonPropertyDescription("Memory for the in-memory sorter; default 1Gi.") Quantity sorterMemory,
    @JsonPropertyDescription("Free-form worker settings (key: value), passed through as strings.")
        Map<String, String> config) {}
