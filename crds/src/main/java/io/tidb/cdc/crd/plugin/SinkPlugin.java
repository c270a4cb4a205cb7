package io.tidb.cdc.crd.plugin;

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

/** Code a sink runs for each row batch (WebAssembly, Lua, a jar or a gRPC service). */
@Group(CdcResource.GROUP)
@Version(CdcResource.VERSION)
@Kind("SinkPlugin")
@Plural("sinkplugins")
@Singular("sinkplugin")
@ShortNames({"sp", "plugin"})
@Categories(CdcResource.CATEGORY)
@AdditionalPrinterColumn(
    name = "Runtime",
    jsonPath = ".spec.runtime",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Active",
    jsonPath = ".status.activeVersion",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Target",
    jsonPath = ".status.targetVersion",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Rollout",
    jsonPath = ".status.rolloutPhase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class SinkPlugin extends CustomResource<SinkPluginSpec, SinkPluginStatus>
    implements Namespaced {
  public static final String KIND = "SinkPlugin";
  public static final String PLURAL = "sinkplugins";
}
