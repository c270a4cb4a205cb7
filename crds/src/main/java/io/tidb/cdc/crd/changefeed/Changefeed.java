package io.tidb.cdc.crd.changefeed;

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

/** A replication task: tables of the cluster's upstream, filtered, written to one sink. */
@Group(CdcResource.GROUP)
@Version(CdcResource.VERSION)
@Kind("Changefeed")
@Plural("changefeeds")
@Singular("changefeed")
@ShortNames("cf")
@Categories(CdcResource.CATEGORY)
@AdditionalPrinterColumn(
    name = "Cluster",
    jsonPath = ".spec.cluster",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Checkpoint",
    jsonPath = ".status.checkpointTime",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Lag",
    jsonPath = ".status.lagSeconds",
    type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(
    name = "Tables",
    jsonPath = ".status.tableCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Changefeed extends CustomResource<ChangefeedSpec, ChangefeedStatus>
    implements Namespaced {
  public static final String KIND = "Changefeed";
  public static final String PLURAL = "changefeeds";
}
