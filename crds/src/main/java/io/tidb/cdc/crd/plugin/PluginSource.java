package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the plugin's code comes from: a ConfigMap key, or a URL pinned by its SHA-256. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.configMapKeyRef) != has(self.url)",
    message = "exactly one of configMapKeyRef or url must be set")
@ValidationRule(
    value = "!has(self.url) || has(self.sha256)",
    message = "url requires sha256",
    fieldPath = ".sha256")
public record PluginSource(
    ConfigMapKeyRef configMapKeyRef,
    @JsonPropertyDescription("http(s) URL of the code.") @Pattern("^https?://.+") String url,
    @JsonPropertyDescription("SHA-256 of the code at url, 64 hex digits.")
        @Pattern("^[0-9a-fA-F]{64}$")
        String sha256) {}
