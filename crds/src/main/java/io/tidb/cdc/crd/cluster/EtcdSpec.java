package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.tidb.cdc.crd.common.SecretRef;
import java.util.List;

/** The etcd holding the coordination state; TiCDC uses PD's embedded etcd by default. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EtcdSpec(
    @JsonPropertyDescription("etcd endpoints; default: upstream.pdAddresses.")
        List<@Pattern(UpstreamSpec.ADDRESS_PATTERN) String> endpoints,
    SecretRef tlsSecretRef) {}
