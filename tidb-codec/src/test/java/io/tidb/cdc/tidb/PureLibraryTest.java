package io.tidb.cdc.tidb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The TiDB formats are a pure library: worker, simulator and tools all decode with it, so it may do
 * no I/O of its own and may know nothing of the project's other modules.
 */
class PureLibraryTest {
  private static final JavaClasses CODEC =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.tidb.cdc.tidb");

  @Test
  void doesNoIo() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.net..", "java.nio.file..", "java.nio.channels..", "io.grpc..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileInputStream")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.FileOutputStream")
        .because("tidb-codec turns bytes into values and back; reading them is the caller's job")
        .check(CODEC);
  }

  @Test
  void dependsOnNoOtherProjectModule() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.tidb.cdc.kvproto..",
            "io.tidb.cdc.sim..",
            "io.tidb.cdc.worker..",
            "io.tidb.cdc.cli..")
        .check(CODEC);
  }
}
