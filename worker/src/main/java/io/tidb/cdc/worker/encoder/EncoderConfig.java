package io.tidb.cdc.worker.encoder;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How to encode, with TiCDC's option names: {@code protocol}, {@code enable-tidb-extension} (adds
 * the {@code _tidb} object with the commit ts, and watermark messages), {@code
 * delete-only-output-handle-key-columns}, {@code only-output-updated-columns}, and {@code
 * time-zone} (TIMESTAMP values are printed in it; TiCDC uses the server's zone, default here UTC).
 * {@code clock} gives the build time canal-json puts in {@code ts}.
 */
public record EncoderConfig(
    Protocol protocol,
    boolean enableTidbExtension,
    boolean deleteOnlyHandleKeyColumns,
    boolean onlyOutputUpdatedColumns,
    ZoneId timeZone,
    Clock clock) {

  /** The option names {@link #fromParams} reads. */
  public static final Set<String> PARAMS =
      Set.of(
          "protocol",
          "enable-tidb-extension",
          "delete-only-output-handle-key-columns",
          "only-output-updated-columns",
          "time-zone");

  public EncoderConfig {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(clock, "clock");
  }

  /** TiCDC's defaults for {@code protocol}: no extension, all columns, UTC, the system clock. */
  public static EncoderConfig defaults(Protocol protocol) {
    return new EncoderConfig(protocol, false, false, false, ZoneOffset.UTC, Clock.systemUTC());
  }

  public EncoderConfig withTidbExtension(boolean enabled) {
    return new EncoderConfig(
        protocol, enabled, deleteOnlyHandleKeyColumns, onlyOutputUpdatedColumns, timeZone, clock);
  }

  public EncoderConfig withClock(Clock newClock) {
    return new EncoderConfig(
        protocol,
        enableTidbExtension,
        deleteOnlyHandleKeyColumns,
        onlyOutputUpdatedColumns,
        timeZone,
        newClock);
  }

  public EncoderConfig withTimeZone(ZoneId zone) {
    return new EncoderConfig(
        protocol,
        enableTidbExtension,
        deleteOnlyHandleKeyColumns,
        onlyOutputUpdatedColumns,
        zone,
        clock);
  }

  public EncoderConfig withDeleteOnlyHandleKeyColumns(boolean enabled) {
    return new EncoderConfig(
        protocol, enableTidbExtension, enabled, onlyOutputUpdatedColumns, timeZone, clock);
  }

  public EncoderConfig withOnlyOutputUpdatedColumns(boolean enabled) {
    return new EncoderConfig(
        protocol, enableTidbExtension, deleteOnlyHandleKeyColumns, enabled, timeZone, clock);
  }

  /**
   * The configuration named by {@code params} (e.g. a sink URI's query), starting from {@code
   * base}; other keys are ignored (the caller checks for unknown ones). {@code protocol} is
   * required unless {@code base} already has one and the key is absent.
   *
   * @throws IllegalArgumentException naming the option and the bad value
   */
  public static EncoderConfig fromParams(Map<String, String> params, EncoderConfig base) {
    EncoderConfig c = base;
    String protocol = params.get("protocol");
    if (protocol != null) {
      c =
          new EncoderConfig(
              Protocol.parse(protocol),
              c.enableTidbExtension,
              c.deleteOnlyHandleKeyColumns,
              c.onlyOutputUpdatedColumns,
              c.timeZone,
              c.clock);
    }
    c = c.withTidbExtension(bool(params, "enable-tidb-extension", c.enableTidbExtension));
    c =
        c.withDeleteOnlyHandleKeyColumns(
            bool(params, "delete-only-output-handle-key-columns", c.deleteOnlyHandleKeyColumns));
    c =
        c.withOnlyOutputUpdatedColumns(
            bool(params, "only-output-updated-columns", c.onlyOutputUpdatedColumns));
    String zone = params.get("time-zone");
    if (zone != null) {
      try {
        c = c.withTimeZone(ZoneId.of(zone));
      } catch (DateTimeException e) {
        throw new IllegalArgumentException(
            "time-zone '" + zone + "' is not a time zone (use e.g. UTC, +08:00 or Asia/Shanghai)",
            e);
      }
    }
    return c;
  }

  /** Go's {@code strconv.ParseBool}, which TiCDC uses for URI options. */
  private static boolean bool(Map<String, String> params, String name, boolean dflt) {
    String v = params.get(name);
    if (v == null) {
      return dflt;
    }
    return switch (v) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default ->
          throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    };
  }
}
