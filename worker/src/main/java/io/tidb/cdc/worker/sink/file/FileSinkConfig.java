package io.tidb.cdc.worker.sink.file;

import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.encoder.TxnBatcher;
import io.tidb.cdc.worker.sink.SinkUri;
import io.tidb.cdc.worker.sink.SinkUriException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file sink's settings: the directory, how rows are encoded, the line terminator (TiCDC's CRLF),
 * and how many encoded bytes may wait for the writer thread before {@code write} blocks.
 *
 * <p>One default differs from TiCDC: {@code enable-tidb-extension} is on, because the reader needs
 * each row's commit ts to replay files that overlap after a restart; {@code
 * enable-tidb-extension=false} turns it off.
 */
public record FileSinkConfig(
    Path dir, EncoderConfig encoder, byte[] terminator, long maxQueuedBytes, String writerId) {
  /** TiCDC storage-sink options this sink does not implement yet. */
  private static final Set<String> LATER =
      Set.of(
          "worker-count",
          "flush-interval",
          "file-size",
          "flush-concurrency",
          "file-cleanup-cron-spec",
          "file-expiration-days",
          "date-separator",
          "enable-partition-separator",
          "output-column-id",
          "csv-delimiter",
          "csv-quote",
          "csv-null",
          "include-commit-ts");

  public static final long DEFAULT_MAX_QUEUED_BYTES = 64L << 20;

  private static final java.util.regex.Pattern WRITER_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]*");

  public FileSinkConfig {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(writerId, "writerId");
    if (!WRITER_ID.matcher(writerId).matches()) {
      throw new IllegalArgumentException(
          "file sink writer id '" + writerId + "' may hold only letters, digits, '.', '_', '-'");
    }
    Objects.requireNonNull(encoder, "encoder");
    terminator = terminator.clone();
    if (maxQueuedBytes <= 0) {
      throw new IllegalArgumentException("maxQueuedBytes must be positive, got " + maxQueuedBytes);
    }
  }

  /** The sole writer of {@code dir}. */
  public FileSinkConfig(Path dir, EncoderConfig encoder, byte[] terminator, long maxQueuedBytes) {
    this(dir, encoder, terminator, maxQueuedBytes, "");
  }

  /**
   * The same sink as one of several writers of the directory (one per capture): its file names
   * carry {@code writerId}, so they never collide with another writer's, and at start it removes
   * only its own in-progress files. Empty: the sole writer (standalone), with TiCDC's names.
   */
  public FileSinkConfig withWriterId(String id) {
    return new FileSinkConfig(dir, encoder, terminator, maxQueuedBytes, id);
  }

  public static FileSinkConfig of(Path dir, EncoderConfig encoder) {
    return new FileSinkConfig(dir, encoder, TxnBatcher.CRLF, DEFAULT_MAX_QUEUED_BYTES);
  }

  /**
   * The settings of {@code file:///DIR?protocol=canal-json[&enable-tidb-extension=...]}.
   *
   * @throws SinkUriException naming what is wrong: a host, a relative or missing directory, a
   *     missing or unsupported protocol, an unknown option
   */
  public static FileSinkConfig from(SinkUri uri) {
    if (!uri.host().isEmpty() && !uri.host().equals("localhost")) {
      throw new SinkUriException(
          "file sink URI '"
              + uri
              + "' names host '"
              + uri.host()
              + "'; a local directory is written as file:///absolute/dir");
    }
    if (uri.path().isEmpty() || uri.path().equals("/")) {
      throw new SinkUriException(
          "file sink URI '"
              + uri
              + "' names no directory; write file:///absolute/dir?protocol=canal-json");
    }
    Path dir;
    try {
      dir = Path.of(uri.path());
    } catch (InvalidPathException e) {
      throw new SinkUriException(
          "file sink directory '" + uri.path() + "' is not a valid path: " + e.getReason());
    }
    checkParams(uri);
    String protocol =
        uri.param("protocol")
            .orElseThrow(
                () ->
                    new SinkUriException(
                        "file sink URI '"
                            + uri
                            + "' has no protocol; add ?protocol=canal-json (supported: "
                            + Protocol.supportedNames()
                            + ")"));
    EncoderConfig encoder;
    try {
      EncoderConfig base = EncoderConfig.defaults(Protocol.parse(protocol)).withTidbExtension(true);
      encoder = EncoderConfig.fromParams(uri.params(), base);
    } catch (IllegalArgumentException e) {
      throw new SinkUriException("file sink URI '" + uri + "': " + e.getMessage(), e);
    }
    return of(dir.toAbsolutePath().normalize(), encoder);
  }

  private static void checkParams(SinkUri uri) {
    for (Map.Entry<String, String> p : uri.params().entrySet()) {
      String key = p.getKey();
      if (EncoderConfig.PARAMS.contains(key)) {
        continue;
      }
      if (LATER.contains(key)) {
        throw new SinkUriException(
            "file sink option '" + key + "' in '" + uri + "' is not supported yet");
      }
      throw new SinkUriException(
          "unknown file sink option '"
              + key
              + "' in '"
              + uri
              + "'; accepted: "
              + String.join(", ", new TreeSet<>(EncoderConfig.PARAMS)));
    }
  }
}
