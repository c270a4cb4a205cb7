package io.tidb.cdc.worker.config;

import java.util.Objects;

/**
 * One thing wrong with a changefeed file: the resource ({@code Changefeed demo}, or the document
 * number when it has no name yet), the field path ({@code spec.sink.uri}; empty for the whole
 * resource) and why.
 */
public record ConfigProblem(String resource, String path, String message) {
  public ConfigProblem {
    Objects.requireNonNull(resource, "resource");
    path = path == null ? "" : path;
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return resource + ": " + (path.isEmpty() ? "" : path + ": ") + message;
  }
}
