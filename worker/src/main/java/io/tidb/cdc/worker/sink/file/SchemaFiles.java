package io.tidb.cdc.worker.sink.file;

import io.tidb.cdc.tidb.meta.TableInfo;
import io.tidb.cdc.worker.encoder.DdlEvent;
import io.tidb.cdc.worker.schema.TableDef;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Schema files as TiCDC's storage sink keeps them: one per DDL (with its query and action, at the
 * DDL's commit ts) and one per table version first seen in rows (no query). Like TiCDC's {@code
 * CheckOrWriteSchema}, a table version already on disk under any version number with the same
 * checksum is not written again.
 */
final class SchemaFiles {
  private final FileLayout layout;
  private final DurableFs fs;
  private final Set<String> known = new HashSet<>(); // metaDir + checksum

  SchemaFiles(FileLayout layout, DurableFs fs) {
    this.layout = layout;
    this.fs = fs;
  }

  /**
   * Makes sure the table's current definition has a schema file. Its version is the table's update
   * timestamp from TiDB, or the first commit ts seen when TiDB left it unset.
   */
  void ensureTableVersion(TableDef table, long firstCommitTs) throws IOException {
    TableInfo info = table.info();
    long version = info.updateTimestamp() != 0 ? info.updateTimestamp() : firstCommitTs;
    SchemaDefinition def = SchemaDefinition.ofTable(table.schemaName(), info, version, "", 0);
    Path dir = layout.metaDir(table.schemaName(), table.name());
    String key = dir + "#" + def.checksum();
    if (known.contains(key)) {
      return;
    }
    if (!existsWithChecksum(dir, def.checksum())) {
      write(dir.resolve(def.fileName()), def.toJson());
    }
    known.add(key);
  }

  /** The DDL's schema file, at its commit ts: the table as the DDL leaves it (or as it was). */
  void writeDdl(DdlEvent ddl) throws IOException {
    int type = ddl.type().code();
    Optional<TableDef> table = ddl.tableAfter().or(ddl::tableBefore);
    SchemaDefinition def;
    if (ddl.isDatabaseDdl()) {
      def = SchemaDefinition.ofDatabase(ddl.schema(), ddl.commitTs(), ddl.query(), type);
    } else if (table.isPresent()) {
      def =
          new SchemaDefinition(
              ddl.schema(),
              ddl.table(),
              ddl.commitTs(),
              ddl.query(),
              type,
              table.get().info().columns());
    } else {
      def =
          new SchemaDefinition(
              ddl.schema(), ddl.table(), ddl.commitTs(), ddl.query(), type, java.util.List.of());
    }
    Path dir = layout.metaDir(ddl.schema(), ddl.table());
    write(dir.resolve(def.fileName()), def.toJson());
    known.add(dir + "#" + def.checksum());
  }

  private void write(Path target, byte[] content) throws IOException {
    fs.writeAtomically(target, layout.tmpSibling(target), content);
  }

  private static boolean existsWithChecksum(Path dir, long checksum) throws IOException {
    String suffix = String.format(Locale.ROOT, "_%010d.json", checksum);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "schema_*.json")) {
      for (Path f : files) {
        if (f.getFileName().toString().endsWith(suffix)) {
          return true;
        }
      }
    } catch (NoSuchFileException e) {
      return false;
    }
    return false;
  }
}
