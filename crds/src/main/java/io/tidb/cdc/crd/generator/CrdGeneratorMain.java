package io.tidb.cdc.crd.generator;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerationInfo;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.CustomResource;
import io.tidb.cdc.crd.changefeed.Changefeed;
import io.tidb.cdc.crd.cluster.TiCDCCluster;
import io.tidb.cdc.crd.plugin.SinkPlugin;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the CRD YAML of every resource into the directory given as the only argument. Run by the
 * build (exec-maven-plugin, process-classes); not packaged. It exists instead of the fabric8 Maven
 * plugin only to keep the printer columns in the order they are declared (the generator sorts them
 * by JSON path, which would print Age first).
 */
public final class CrdGeneratorMain {
  static final List<Class<? extends HasMetadata>> RESOURCES =
      List.of(TiCDCCluster.class, Changefeed.class, SinkPlugin.class);

  private CrdGeneratorMain() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: CrdGeneratorMain <output directory>");
    }
    File out = new File(args[0]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IllegalStateException("cannot create " + out);
    }
    CRDGenerationInfo info =
        new CRDGenerator()
            .inOutputDir(out)
            .forCRDVersions("v1")
            .withMinQuotes(true)
            .withPostProcessor(new DeclaredColumnOrder())
            .customResourceClasses(RESOURCES)
            .detailedGenerate();
    if (info.getCRDDetailsPerNameAndVersion().size() != RESOURCES.size()) {
      throw new IllegalStateException(
          "generated "
              + info.getCRDDetailsPerNameAndVersion().keySet()
              + ", expected "
              + RESOURCES);
    }
  }

  /** Puts additionalPrinterColumns back in the order of the class's annotations. */
  static final class DeclaredColumnOrder implements CRDPostProcessor {
    private final Map<String, List<String>> orderByCrdName =
        RESOURCES.stream()
            .collect(
                Collectors.toMap(
                    c -> CustomResource.getCRDName(c),
                    c ->
                        Arrays.stream(c.getAnnotationsByType(AdditionalPrinterColumn.class))
                            .map(AdditionalPrinterColumn::name)
                            .toList()));

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      List<String> order = orderByCrdName.get(crd.getMetadata().getName());
      if (order == null || !(crd instanceof CustomResourceDefinition definition)) {
        return crd;
      }
      Function<CustomResourceColumnDefinition, Integer> rank =
          column -> {
            int i = order.indexOf(column.getName());
            return i < 0 ? Integer.MAX_VALUE : i;
          };
      for (CustomResourceDefinitionVersion version : definition.getSpec().getVersions()) {
        if (version.getAdditionalPrinterColumns() != null) {
          List<CustomResourceColumnDefinition> columns =
              new ArrayList<>(version.getAdditionalPrinterColumns());
          columns.sort(Comparator.comparing(rank));
          version.setAdditionalPrinterColumns(columns);
        }
      }
      return crd;
    }
  }
}
