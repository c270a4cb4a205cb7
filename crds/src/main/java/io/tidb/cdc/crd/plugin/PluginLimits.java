package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Quantity;
import io.tidb.cdc.crd.common.GoDuration;

/** Resource limits of one plugin instance. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginLimits(
    @JsonPropertyDescription("Memory the plugin may use, e.g. 64Mi.") Quantity memory,
    @Pattern(GoDuration.PATTERN) @JsonPropertyDescription("Time limit of one call (Go duration).")
        String timeout,
    @Min(0) @JsonPropertyDescription("Instruction budget of one call (wasm, lua).") Long fuel) {}
