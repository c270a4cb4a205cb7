package io.tidb.cdc.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The pipeline stages are plain data-path code: they run the same in a pod and standalone, so they
 * know nothing of Kubernetes or Quarkus, and nothing of the wiring, HTTP or configuration that
 * drives them (those depend on the stages, never the other way round).
 */
class PipelineArchitectureTest {
  private static final String[] STAGES = {
    "io.tidb.cdc.worker.event..",
    "io.tidb.cdc.worker.memory..",
    "io.tidb.cdc.worker.puller..",
    "io.tidb.cdc.worker.matcher..",
    "io.tidb.cdc.worker.frontier..",
    "io.tidb.cdc.worker.sorter..",
    "io.tidb.cdc.worker.schema..",
    "io.tidb.cdc.worker.mounter..",
    "io.tidb.cdc.worker.filter..",
    "io.tidb.cdc.worker.encoder..",
    "io.tidb.cdc.worker.sink.."
  };

  private static final JavaClasses WORKER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tidb.cdc.worker");

  @Test
  void stagesImportNoKubernetesOrQuarkusTypes() {
    noClasses()
        .that()
        .resideInAnyPackage(STAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.fabric8..", "io.quarkus..", "io.javaoperatorsdk..", "io.quarkiverse..")
        .check(WORKER);
  }

  @Test
  void stagesDoNotReachIntoWiringHttpOrConfiguration() {
    noClasses()
        .that()
        .resideInAnyPackage(STAGES)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tidb.cdc.worker.pipeline..",
            "io.tidb.cdc.worker.standalone..",
            "io.tidb.cdc.worker.http..",
            "io.tidb.cdc.worker.capture..",
            "io.tidb.cdc.worker.config..")
        .check(WORKER);
  }

  /**
   * etcd and the coordination records live in capture/; the data path and its wiring never see
   * them.
   */
  @Test
  void stagesAndPipelineKnowNoCoordination() {
    String[] dataPath = java.util.Arrays.copyOf(STAGES, STAGES.length + 1);
    dataPath[STAGES.length] = "io.tidb.cdc.worker.pipeline..";
    noClasses()
        .that()
        .resideInAnyPackage(dataPath)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.etcd..", "io.tidb.cdc.coord..", "io.tidb.cdc.worker.capture..")
        .check(WORKER);
  }
}
