package io.tidb.cdc.crd.changefeed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.tidb.cdc.crd.common.SecretRef;
import java.util.List;
import java.util.Map;

/** Where the changefeed writes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Type-level rules: on a record component fabric8 would emit them twice (field and accessor).
@ValidationRule(
    value = "!has(self.uri) || self.uri.matches('" + SinkSpec.SCHEME_REGEX + "')",
    message =
        "sink URI scheme must be one of blackhole, file, mysql, tidb, kafka, pulsar, pulsar+ssl,"
            + " s3, gcs, azblob, plugin",
    fieldPath = ".uri")
@ValidationRule(
    value = "!has(self.uri) || !self.uri.matches('^[^:]+://[^/@]*:[^/@]*@')",
    message = "put credentials in credentialsSecretRef, not in the sink URI",
    fieldPath = ".uri")
public record SinkSpec(
    @Required
        @Size(min = 1, max = 4096)
        @JsonPropertyDescription("Sink URI, e.g. kafka://broker:9092/topic or file:///data/out.")
        String uri,
    @JsonPropertyDescription("Message encoding for MQ and storage sinks.") SinkProtocol protocol,
    @JsonPropertyDescription("Secret with the sink's user/password or keys.")
        SecretRef credentialsSecretRef,
    @JsonPropertyDescription("Topic and partition routing for MQ sinks, first match wins.")
        List<DispatcherRule> dispatchers,
    @JsonPropertyDescription("Extra sink settings (key: value), passed through as strings.")
        Map<String, String> options) {

  /** The schemes a sink URI may use (CEL / RE2 syntax). */
  public static final String SCHEME_REGEX =
      "^(blackhole|file|mysql|tidb|kafka|pulsar|pulsar[+]ssl|s3|gcs|azblob|plugin)://";

  /** The scheme of {@link #uri()}, lower-cased, or null when it has none. */
  public String scheme() {
    if (uri == null) {
      return null;
    }
    int colon = uri.indexOf("://");
    return colon > 0 ? uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : null;
  }
}
