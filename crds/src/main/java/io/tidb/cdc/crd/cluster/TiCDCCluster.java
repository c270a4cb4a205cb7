package io.tidb.cdc.crd.cluster;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import io.tidb.cdc.crd.common.CdcResource;

/** A set of CDC worker pods replicating from one upstream TiDB cluster. */
@Group(CdcResource.GROUP)
@Version(CdcResource.VERSION)
@Kind("TiCDCCluster")
@Plural("ticdcclusters")
@Singular("ticdccluster")
@ShortNames({"tcc", "cdccluster"})
@Categories(CdcResource.CATEGORY)
@AdditionalPrinterColumn(
    name = "Replicas",
    jsonPath = ".status.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.readyWorkers",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class TiCDCCluster extends CustomResource<TiCDCClusterSpec, TiCDCClusterStatus>
    implements Namespaced {
  public static final String KIND = "TiCDCCluster";
  public static final String PLURAL = "ticdcclusters";
}
