package io.tidb.cdc.worker.capture;

import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.worker.config.Changefeed;
import io.tidb.cdc.worker.config.ChangefeedDefaults;
import io.tidb.cdc.worker.config.ChangefeedSettings;
import io.tidb.cdc.worker.config.ConfigException;
import io.tidb.cdc.worker.config.ResourceFile;
import io.tidb.cdc.worker.config.StandaloneFile;
import io.tidb.cdc.worker.config.TiCdcCluster;

/**
 * Reads the Changefeed document of a {@link ChangefeedInfo} with the standalone file's reader and
 * validator, against the capture's cluster. Pure.
 */
final class ChangefeedDocument {
  private ChangefeedDocument() {}

  /** The result: settings, or the message of what is wrong (each problem names its field). */
  record Parsed(ChangefeedSettings settings, String error) {
    boolean valid() {
      return settings != null;
    }
  }

  static Parsed parse(ChangefeedInfo info, TiCdcCluster cluster) {
    String source = "changefeed " + info.id();
    try {
      Changefeed cf = ResourceFile.parseChangefeed(info.changefeed(), source);
      ChangefeedSettings s = ChangefeedDefaults.validated(new StandaloneFile(cluster, cf), source);
      return new Parsed(s, null);
    } catch (ConfigException e) {
      return new Parsed(null, e.getMessage());
    } catch (RuntimeException e) {
      return new Parsed(null, source + ": " + e.getMessage());
    }
  }
}
