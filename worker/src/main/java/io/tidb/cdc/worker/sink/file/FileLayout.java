package io.tidb.cdc.worker.sink.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things go under the sink's directory. Database and table names are used as directory names,
 * with {@code %}, {@code /}, {@code \} and NUL percent-escaped, and {@code .}/{@code ..} escaped
 * whole, so no name can leave its directory.
 */
final class FileLayout {
  static final String META = "meta";
  static final String TMP_SUFFIX = ".tmp";
  private static final Pattern DATA_FILE = Pattern.compile("(\\d+)-(\\d+)(\\.[a-z]+)");

  private final Path root;
  private final String extension;

  FileLayout(Path root, String extension) {
    this.root = root;
    this.extension = extension;
  }

  Path root() {
    return root;
  }

  Path checkpointFile() {
    return root.resolve(CheckpointFile.NAME);
  }

  /** {@code DIR/db/table[/physicalId]}, where a table's data files go. */
  Path dataDir(String schema, String table, long physicalTableId, boolean partition) {
    Path dir = root.resolve(escape(schema)).resolve(escape(table));
    return partition ? dir.resolve(Long.toString(physicalTableId)) : dir;
  }

  String dataFileName(long firstCommitTs, long lastCommitTs) {
    return Long.toUnsignedString(firstCommitTs)
        + "-"
        + Long.toUnsignedString(lastCommitTs)
        + extension;
  }

  /** The in-progress file of one physical table, unique per table and first commit ts. */
  String tmpFileName(long physicalTableId, long firstCommitTs) {
    return "."
        + physicalTableId
        + "."
        + Long.toUnsignedString(firstCommitTs)
        + extension
        + TMP_SUFFIX;
  }

  /** {@code DIR/db/meta} for database definitions, {@code DIR/db/table/meta} for tables. */
  Path metaDir(String schema, String table) {
    Path db = root.resolve(escape(schema));
    return (table.isEmpty() ? db : db.resolve(escape(table))).resolve(META);
  }

  /** The commit ts range of a data file name, or null when the name is not one. */
  static long[] parseDataFileName(String name) {
    Matcher m = DATA_FILE.matcher(name);
    if (!m.matches()) {
      return null;
    }
    try {
      return new long[] {Long.parseUnsignedLong(m.group(1)), Long.parseUnsignedLong(m.group(2))};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String escape(String name) {
    if (name.equals(".") || name.equals("..")) {
      return name.replace(".", "%2E");
    }
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '%' || c == '/' || c == '\\' || c == 0) {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The name an escaped directory name stands for. */
  static String unescape(String dirName) {
    StringBuilder sb = new StringBuilder(dirName.length());
    for (int i = 0; i < dirName.length(); i++) {
      char c = dirName.charAt(i);
      if (c == '%' && isHex(dirName, i + 1) && isHex(dirName, i + 2)) {
        sb.append((char) Integer.parseInt(dirName.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isHex(String s, int i) {
    return i < s.length() && Character.digit(s.charAt(i), 16) >= 0;
  }

  /**
   * Deletes in-progress files under {@code dir}, left by a run that crashed: they were never part
   * of a checkpoint, and a resumed changefeed writes their rows again.
   */
  static void removeTmpFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(TMP_SUFFIX) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
