package io.tidb.cdc.cli;

import io.tidb.cdc.worker.puller.pd.ChannelSecurity;
import io.tidb.cdc.worker.tls.TlsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The {@code --*-tls-dir} options: loaded and checked before anything starts. */
final class TlsDirs {
  private TlsDirs() {}

  /** The TLS directory given to {@code option}, or empty when the option is absent. */
  static Optional<TlsConfig> load(String option, Path dir) {
    if (dir == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(TlsConfig.fromDir(dir));
    } catch (IllegalArgumentException e) {
      throw new CommandLineFailure(option + ": " + e.getMessage());
    }
  }

  /** Refuses PD addresses that contradict the upstream TLS setting (http:// with TLS). */
  static void checkPd(List<String> pdAddresses, Optional<TlsConfig> tls) {
    try {
      ChannelSecurity.forPd(pdAddresses, tls);
    } catch (IllegalArgumentException e) {
      throw new CommandLineFailure(e.getMessage());
    }
  }
}
