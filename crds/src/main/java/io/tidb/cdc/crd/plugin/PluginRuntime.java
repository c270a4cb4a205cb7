package io.tidb.cdc.crd.plugin;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a plugin's code is run. */
public enum PluginRuntime {
  @JsonProperty("wasm")
  WASM,
  @JsonProperty("lua")
  LUA,
  @JsonProperty("jar")
  JAR,
  @JsonProperty("grpc")
  GRPC
}
