package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** Desired state of a SinkPlugin. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SinkPluginSpec(
    @Required PluginRuntime runtime,
    @Required
        @Size(min = 1)
        @JsonPropertyDescription("Version label; changing it starts a rollout.")
        String version,
    @Required PluginSource source,
    @JsonPropertyDescription("Plugin settings (key: value), passed to the plugin as strings.")
        Map<String, String> config,
    PluginLimits limits) {}
