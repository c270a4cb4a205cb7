package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.tidb.cdc.crd.common.SecretRef;
import java.util.List;

/** The upstream TiDB cluster, reached through its PD endpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UpstreamSpec(
    @Required
        @Size(min = 1)
        @JsonPropertyDescription("PD endpoints: host:port or http(s)://host:port.")
        List<@Pattern(UpstreamSpec.ADDRESS_PATTERN) String> pdAddresses,
    @JsonPropertyDescription("Secret with ca.crt, tls.crt and tls.key for PD and TiKV.")
        SecretRef tlsSecretRef) {

  /** {@code host:port} or {@code http(s)://host:port}; IPv6 hosts in brackets. */
  public static final String ADDRESS_PATTERN =
      "^(https?://)?([A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]):[0-9]{1,5}$";
}
