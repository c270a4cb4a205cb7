package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Quantity;

/** A PersistentVolumeClaim template for the sorter's spill directory. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SorterVolumeSpec(
    @JsonPropertyDescription("Requested size of the claim.") Quantity size,
    String storageClassName) {}
