package io.tidb.cdc.worker.config;

import java.util.Objects;

/** The two resources of a standalone changefeed file, read but not validated yet. */
public record StandaloneFile(TiCdcCluster cluster, Changefeed changefeed) {
  public StandaloneFile {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(changefeed, "changefeed");
  }
}
