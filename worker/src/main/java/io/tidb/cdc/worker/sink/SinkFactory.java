package io.tidb.cdc.worker.sink;

import io.tidb.cdc.worker.encoder.Encoder;
import io.tidb.cdc.worker.encoder.EncoderConfig;
import io.tidb.cdc.worker.encoder.EncoderFactory;
import io.tidb.cdc.worker.encoder.Protocol;
import io.tidb.cdc.worker.sink.blackhole.BlackholeSink;
import io.tidb.cdc.worker.sink.file.FileSink;
import io.tidb.cdc.worker.sink.file.FileSinkConfig;
import java.io.IOException;
import java.util.Optional;
import java.util.TreeSet;

/** Opens the sink a URI names, after checking everything the URI says. */
public final class SinkFactory {
  private SinkFactory() {}

  /**
   * Parses {@code uri} and checks its scheme and options without opening anything, so a bad
   * changefeed is refused before it starts.
   *
   * @throws SinkUriException naming the bad part
   */
  public static SinkUri check(String uri) {
    SinkUri parsed = SinkUri.parse(uri);
    switch (parsed.scheme()) {
      case FILE -> FileSinkConfig.from(parsed);
      case BLACKHOLE -> blackholeEncoder(parsed);
      default -> throw notYet(parsed);
    }
    return parsed;
  }

  /**
   * Opens the sink.
   *
   * @throws SinkUriException when the URI is bad
   * @throws SinkException when the sink cannot start (e.g. the directory cannot be created)
   */
  public static Sink open(String uri) {
    return open(SinkUri.parse(uri));
  }

  public static Sink open(SinkUri uri) {
    return open(uri, "");
  }

  /**
   * Opens the sink as one of several writers of the same destination (one per capture), named
   * {@code writerId}; empty: the sole writer. A file sink puts the id in its file names.
   */
  public static Sink open(SinkUri uri, String writerId) {
    return switch (uri.scheme()) {
      case FILE -> {
        FileSinkConfig config = FileSinkConfig.from(uri).withWriterId(writerId);
        try {
          yield new FileSink(config);
        } catch (IOException e) {
          throw new SinkException("cannot open the file sink in " + config.dir() + ": " + e, e);
        }
      }
      case BLACKHOLE -> new BlackholeSink(blackholeEncoder(uri));
      default -> throw notYet(uri);
    };
  }

  /** {@code blackhole://[?protocol=...]}: with a protocol, rows are encoded to be measured. */
  private static Optional<Encoder> blackholeEncoder(SinkUri uri) {
    for (String key : uri.params().keySet()) {
      if (!EncoderConfig.PARAMS.contains(key)) {
        throw new SinkUriException(
            "unknown blackhole sink option '"
                + key
                + "' in '"
                + uri
                + "'; accepted: "
                + String.join(", ", new TreeSet<>(EncoderConfig.PARAMS)));
      }
    }
    if (uri.param("protocol").isEmpty()) {
      return Optional.empty();
    }
    try {
      EncoderConfig base = EncoderConfig.defaults(Protocol.parse(uri.params().get("protocol")));
      return Optional.of(EncoderFactory.create(EncoderConfig.fromParams(uri.params(), base)));
    } catch (IllegalArgumentException e) {
      throw new SinkUriException("blackhole sink URI '" + uri + "': " + e.getMessage(), e);
    }
  }

  private static SinkUriException notYet(SinkUri uri) {
    return new SinkUriException(
        "sink scheme '"
            + uri.scheme().scheme()
            + "' is not supported yet; supported now: "
            + SinkScheme.supportedNames());
  }
}
