package io.tidb.cdc.crd.common;

/** API coordinates shared by every custom resource of this project. */
public final class CdcResource {
  public static final String GROUP = "cdc.tidb.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "ticdc";

  private CdcResource() {}
}
