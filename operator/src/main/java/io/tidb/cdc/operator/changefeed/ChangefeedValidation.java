package io.tidb.cdc.operator.changefeed;

import io.tidb.cdc.crd.changefeed.ChangefeedSpec;
import io.tidb.cdc.crd.changefeed.DispatcherRule;
import io.tidb.cdc.crd.changefeed.PartitionStrategy;
import io.tidb.cdc.crd.changefeed.SinkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server's schema cannot check (or what a server without validation let through),
 * checked again before anything reaches etcd. Pure: each problem is one sentence naming the field.
 */
public final class ChangefeedValidation {
  public static final Set<String> SCHEMES =
      Set.of(
          "blackhole",
          "file",
          "mysql",
          "tidb",
          "kafka",
          "pulsar",
          "pulsar+ssl",
          "s3",
          "gcs",
          "azblob",
          "plugin");

  private static final Pattern CREDENTIALS = Pattern.compile("^[^:]+://[^/@]*:[^/@]*@");

  private ChangefeedValidation() {}

  public static List<String> problems(ChangefeedSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      return List.of("spec is missing");
    }
    if (spec.cluster() == null || spec.cluster().isBlank()) {
      problems.add("spec.cluster is required: name the TiCDCCluster that runs this changefeed");
    }
    if (spec.startTs() != null && spec.startTs() < 0) {
      problems.add("spec.startTs must be >= 0");
    }
    if (spec.targetTs() != null && spec.targetTs() != 0) {
      if (spec.targetTs() < 0) {
        problems.add("spec.targetTs must be >= 0");
      } else if (spec.startTs() != null && spec.targetTs() <= spec.startTs()) {
        problems.add(
            "spec.targetTs ("
                + spec.targetTs()
                + ") must be greater than spec.startTs ("
                + spec.startTs()
                + ")");
      }
    }
    sink(spec.sink(), problems);
    return problems;
  }

  private static void sink(SinkSpec sink, List<String> problems) {
    if (sink == null || sink.uri() == null || sink.uri().isBlank()) {
      problems.add("spec.sink.uri is required");
      return;
    }
    String uri = sink.uri();
    int sep = uri.indexOf("://");
    String scheme = sep > 0 ? uri.substring(0, sep).toLowerCase(java.util.Locale.ROOT) : null;
    if (scheme == null || !SCHEMES.contains(scheme)) {
      problems.add(
          "spec.sink.uri '"
              + uri
              + "' must start with a supported scheme and '://': one of "
              + String.join(", ", SCHEMES.stream().sorted().toList()));
    } else if (CREDENTIALS.matcher(uri).find()) {
      problems.add(
          "spec.sink.uri carries a password: put credentials in spec.sink.credentialsSecretRef");
    } else if (uri.chars().anyMatch(c -> c <= ' ')) {
      problems.add("spec.sink.uri must not contain spaces or control characters");
    }
    if (sink.dispatchers() != null) {
      for (int i = 0; i < sink.dispatchers().size(); i++) {
        DispatcherRule d = sink.dispatchers().get(i);
        if (d.partition() == PartitionStrategy.COLUMNS
            && (d.columns() == null || d.columns().isEmpty())) {
          problems.add(
              "spec.sink.dispatchers[" + i + "]: partition columns needs the columns list");
        }
      }
    }
  }
}
