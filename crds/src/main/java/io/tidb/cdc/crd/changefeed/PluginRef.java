package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A SinkPlugin in the changefeed's namespace, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PluginRef(@Required String name) {}
