package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the plugin's namespace (binaryData or data). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapKeyRef(@Required String name, @Required String key) {}
