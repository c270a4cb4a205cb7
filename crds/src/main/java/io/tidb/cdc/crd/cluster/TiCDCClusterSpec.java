package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.tidb.cdc.crd.common.GoDuration;

/** Desired state of a TiCDCCluster. Every field but {@code upstream} may be left unset. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TiCDCClusterSpec(
    @Required @JsonPropertyDescription("The upstream TiDB cluster's PD.") UpstreamSpec upstream,
    @JsonPropertyDescription("etcd used for coordination; default: the upstream PD's etcd.")
        EtcdSpec etcd,
    @Min(0) @JsonPropertyDescription("Number of worker pods; default 3.") Integer replicas,
    @JsonPropertyDescription("Worker image; default ghcr.io/tidb-cdc/ticdc:<operator version>.")
        String image,
    ImagePullPolicy imagePullPolicy,
    ResourceRequirements resources,
    JvmSpec jvm,
    WorkerSpec worker,
    @JsonPropertyDescription("Persistent volume for the sorter; absent: an emptyDir.")
        SorterVolumeSpec sorterVolume,
    @Pattern(GoDuration.PATTERN_OR_SECONDS)
        @JsonPropertyDescription("GC safepoint TTL (Go duration or seconds); default 24h.")
        String gcTtl,
    @Pattern(GoDuration.PATTERN)
        @JsonPropertyDescription(
            "How long a leaving worker may take to hand its tables over (Go duration); default 5m.")
        String drainTimeout) {}
