package io.tidb.cdc.cli;

/** What was built and what runs it, for {@code ticdc version} and bug reports. */
record BuildInfo(String version, String javaVersion, String javaVendor, String os) {

  static BuildInfo current() {
    String version = BuildInfo.class.getPackage().getImplementationVersion();
    return new BuildInfo(
        version == null ? "dev (not built from a jar)" : version,
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"));
  }
}
