package io.tidb.cdc.sim.cluster;

/** A region has no running leader (all stores holding its peers are stopped). */
public final class RegionUnavailableException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public RegionUnavailableException(String message) {
    super(message);
  }
}
