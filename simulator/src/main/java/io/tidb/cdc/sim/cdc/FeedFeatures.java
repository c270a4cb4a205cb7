package io.tidb.cdc.sim.cdc;

/**
 * What a TiCDC client negotiated on one EventFeed stream. TiKV derives the first two from the
 * {@code ticdc_version} of the first request header (an unparsable version counts as 0.0.0) and the
 * third from the gRPC metadata header {@code features}.
 *
 * @param batchResolvedTs version >= 4.0.8: resolved ts arrives batched per store in {@code
 *     ChangeDataEvent.resolved_ts}, otherwise as a per-region {@code Event.resolved_ts}
 * @param validateClusterId version >= 5.3.0: a request for another cluster id is refused
 * @param streamMultiplexing the same region may be subscribed under several request ids
 */
public record FeedFeatures(
    String version,
    boolean batchResolvedTs,
    boolean validateClusterId,
    boolean streamMultiplexing) {

  static final String MULTIPLEXING_FEATURE = "stream-multiplexing";

  static FeedFeatures negotiate(String ticdcVersion, String featuresHeader) {
    int[] v = parseVersion(ticdcVersion);
    boolean multiplexing = false;
    if (featuresHeader != null) {
      for (String f : featuresHeader.split(",")) {
        multiplexing |= f.trim().equals(MULTIPLEXING_FEATURE);
      }
    }
    return new FeedFeatures(ticdcVersion, atLeast(v, 4, 0, 8), atLeast(v, 5, 3, 0), multiplexing);
  }

  /** major.minor.patch of a semantic version (pre-release and build suffixes ignored). */
  static int[] parseVersion(String version) {
    String core = version.trim();
    if (core.startsWith("v")) {
      core = core.substring(1);
    }
    int cut = core.length();
    for (char c : new char[] {'-', '+'}) {
      int i = core.indexOf(c);
      if (i >= 0) {
        cut = Math.min(cut, i);
      }
    }
    String[] parts = core.substring(0, cut).split("\\.");
    if (parts.length != 3) {
      return new int[] {0, 0, 0};
    }
    try {
      return new int[] {
        Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])
      };
    } catch (NumberFormatException e) {
      return new int[] {0, 0, 0};
    }
  }

  private static boolean atLeast(int[] v, int major, int minor, int patch) {
    if (v[0] != major) {
      return v[0] > major;
    }
    if (v[1] != minor) {
      return v[1] > minor;
    }
    return v[2] >= patch;
  }
}
