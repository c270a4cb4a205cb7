package io.tidb.cdc.crd.cluster;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes image pull policy of the worker container. */
public enum ImagePullPolicy {
  @JsonProperty("Always")
  ALWAYS,
  @JsonProperty("IfNotPresent")
  IF_NOT_PRESENT,
  @JsonProperty("Never")
  NEVER;

  /** The value Kubernetes expects in a container spec. */
  public String value() {
    return switch (this) {
      case ALWAYS -> "Always";
      case IF_NOT_PRESENT -> "IfNotPresent";
      case NEVER -> "Never";
    };
  }
}
