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

  /** {@code FIRST-LAST[@WRITER].ext}; the writer part exists when several processes write. */
  private static final Pattern DATA_FILE =
      Pattern.compile("(\\d+)-(\\d+)(?:@[A-Za-z0-9._-]+)?(\\.[a-z]+)");

  private final Path root;
  private final String extension;
  private final String writerTag;

  /**
   * @param writerId empty for the sole writer of {@code root}; else a name unique among the
   *     processes that write there (a capture id)
   */
  FileLayout(Path root, String extension, String writerId) {
    this.root = root;
    this.extension = extension;
    this.writerTag = writerId.isEmpty() ? "" : "@" + writerId;
  }

  /** The temporary sibling an atomic write of {@code target} goes through. */
  Path tmpSibling(Path target) {
    return target.resolveSibling(target.getFileName() + writerTag + TMP_SUFFIX);
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
        + writerTag
        + extension;
  }

  /** The in-progress file of one physical table, unique per table and first commit ts. */
  String tmpFileName(long physicalTableId, long firstCommitTs) {
    return "."
        + physicalTableId
        + "."
        + Long.toUnsignedString(firstCommitTs)
        + extension
        + writerTag
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
   * Deletes this writer's in-progress files under the root (the sole writer: all of them), left by
   * a run that crashed: they were never part of a checkpoint, and a resumed changefeed writes their
   * rows again. Another writer's in-progress files are its own.
   */
  void removeTmpFiles() throws IOException {
    String mine = writerTag + TMP_SUFFIX;
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (p.getFileName().toString().endsWith(mine) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
