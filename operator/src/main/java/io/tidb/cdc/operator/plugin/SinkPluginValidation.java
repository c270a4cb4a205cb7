package io.tidb.cdc.operator.plugin;

import io.tidb.cdc.crd.common.GoDuration;
import io.tidb.cdc.crd.plugin.PluginSource;
import io.tidb.cdc.crd.plugin.SinkPluginSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks a SinkPlugin spec; each problem is one sentence naming the field. Pure. */
public final class SinkPluginValidation {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private SinkPluginValidation() {}

  public static List<String> problems(SinkPluginSpec spec) {
    if (spec == null) {
      return List.of("spec is missing");
    }
    List<String> problems = new ArrayList<>();
    if (spec.runtime() == null) {
      problems.add("spec.runtime is required: wasm, lua, jar or grpc");
    }
    if (spec.version() == null || spec.version().isBlank()) {
      problems.add("spec.version is required");
    }
    PluginSource source = spec.source();
    if (source == null) {
      problems.add("spec.source is required: configMapKeyRef or url + sha256");
    } else {
      boolean cm = source.configMapKeyRef() != null;
      boolean url = source.url() != null;
      if (cm == url) {
        problems.add("spec.source needs exactly one of configMapKeyRef or url");
      }
      if (url && !source.url().matches("^https?://.+")) {
        problems.add("spec.source.url must be an http(s) URL");
      }
      if (url && (source.sha256() == null || !SHA256.matcher(source.sha256()).matches())) {
        problems.add("spec.source.sha256 must be 64 hex digits when spec.source.url is set");
      }
      if (cm
          && (source.configMapKeyRef().name() == null || source.configMapKeyRef().key() == null)) {
        problems.add("spec.source.configMapKeyRef needs name and key");
      }
    }
    if (spec.limits() != null && spec.limits().timeout() != null) {
      try {
        GoDuration.parse(spec.limits().timeout());
      } catch (IllegalArgumentException e) {
        problems.add("spec.limits.timeout: " + e.getMessage());
      }
    }
    if (spec.limits() != null && spec.limits().fuel() != null && spec.limits().fuel() < 0) {
      problems.add("spec.limits.fuel must be >= 0");
    }
    return problems;
  }
}
