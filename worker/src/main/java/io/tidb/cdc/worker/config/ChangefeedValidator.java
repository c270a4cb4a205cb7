package io.tidb.cdc.worker.config;

import io.tidb.cdc.worker.filter.CaseSensitivity;
import io.tidb.cdc.worker.filter.ChangefeedFilter;
import io.tidb.cdc.worker.filter.EventFilterRule;
import io.tidb.cdc.worker.filter.EventType;
import io.tidb.cdc.worker.filter.FilterRuleException;
import io.tidb.cdc.worker.filter.TableFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a standalone file before anything replicates and returns every problem, each naming the
 * field and the reason. Pure: what needs PD (the start ts against the GC safe point) is checked
 * when the changefeed starts.
 */
public final class ChangefeedValidator {
  /** Kubernetes object names (RFC 1123 subdomain); they also name files and the GC service. */
  private static final Pattern NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Pattern HOST_PORT = Pattern.compile("(https?://)?[^\\s/:]+:(\\d{1,5})/?");

  private static final List<String> PARTITIONS =
      List.of("default", "index-value", "ts", "table", "columns");

  private ChangefeedValidator() {}

  public static List<ConfigProblem> validate(StandaloneFile file) {
    List<ConfigProblem> out = new ArrayList<>();
    TiCdcCluster cluster = file.cluster();
    String clusterRes = TiCdcCluster.KIND + " " + nameOf(cluster.metadata());
    validateName(clusterRes, cluster.metadata(), out);
    validateCluster(clusterRes, cluster.spec(), out);
    Changefeed cf = file.changefeed();
    String cfRes = Changefeed.KIND + " " + nameOf(cf.metadata());
    validateName(cfRes, cf.metadata(), out);
    if (cf.spec() == null) {
      out.add(new ConfigProblem(cfRes, "spec", "missing; a changefeed needs at least spec.sink"));
      return out;
    }
    validateChangefeed(cfRes, cf.spec(), cluster.metadata(), cf.metadata(), out);
    return out;
  }

  private static void validateCluster(String res, TiCdcClusterSpec spec, List<ConfigProblem> out) {
    if (spec == null || spec.upstream() == null) {
      out.add(new ConfigProblem(res, "spec.upstream", "missing; it names the upstream PD"));
      return;
    }
    List<String> pds = spec.upstream().pdAddresses();
    if (pds == null || pds.isEmpty()) {
      out.add(
          new ConfigProblem(
              res, "spec.upstream.pdAddresses", "missing; e.g. [\"127.0.0.1:2379\"]"));
    } else {
      validateAddresses(res, "spec.upstream.pdAddresses", pds, out);
    }
    if (spec.gcTtl() != null) {
      try {
        if (GoDuration.parse(spec.gcTtl()).getSeconds() < 1) {
          out.add(new ConfigProblem(res, "spec.gcTtl", "must be at least 1s"));
        }
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem(res, "spec.gcTtl", e.getMessage()));
      }
    }
    validateDuration(res, "spec.drainTimeout", spec.drainTimeout(), out);
    if (spec.replicas() != null && spec.replicas() < 0) {
      out.add(
          new ConfigProblem(res, "spec.replicas", "must not be negative, got " + spec.replicas()));
    }
    if (spec.imagePullPolicy() != null
        && !List.of("Always", "IfNotPresent", "Never").contains(spec.imagePullPolicy())) {
      out.add(
          new ConfigProblem(
              res,
              "spec.imagePullPolicy",
              "'" + spec.imagePullPolicy() + "' is not one of Always, IfNotPresent, Never"));
    }
    if (spec.jvm() != null) {
      validateQuantity(res, "spec.jvm.maxHeap", spec.jvm().maxHeap(), out);
    }
    if (spec.sorterVolume() != null) {
      validateQuantity(res, "spec.sorterVolume.size", spec.sorterVolume().size(), out);
    }
    if (spec.etcd() != null && spec.etcd().endpoints() != null) {
      validateAddresses(res, "spec.etcd.endpoints", spec.etcd().endpoints(), out);
    }
    if (spec.worker() != null && spec.worker().sorterMemory() != null) {
      try {
        if (Quantity.parseBytes(spec.worker().sorterMemory()) < (16L << 20)) {
          out.add(new ConfigProblem(res, "spec.worker.sorterMemory", "must be at least 16Mi"));
        }
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem(res, "spec.worker.sorterMemory", e.getMessage()));
      }
    }
  }

  private static void validateAddresses(
      String res, String path, List<String> addresses, List<ConfigProblem> out) {
    for (int i = 0; i < addresses.size(); i++) {
      String a = addresses.get(i);
      var m = a == null ? null : HOST_PORT.matcher(a.trim());
      if (m == null || !m.matches() || Integer.parseInt(m.group(2)) > 65535) {
        out.add(
            new ConfigProblem(
                res, path + "[" + i + "]", "'" + a + "' is not host:port (or http://host:port)"));
      }
    }
  }

  private static void validateDuration(
      String res, String path, String value, List<ConfigProblem> out) {
    if (value != null) {
      try {
        GoDuration.parse(value);
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem(res, path, e.getMessage()));
      }
    }
  }

  private static void validateQuantity(
      String res, String path, String value, List<ConfigProblem> out) {
    if (value != null) {
      try {
        Quantity.parseBytes(value);
      } catch (IllegalArgumentException e) {
        out.add(new ConfigProblem(res, path, e.getMessage()));
      }
    }
  }

  private static void validateSinkExtras(String res, SinkSpec sink, List<ConfigProblem> out) {
    if (sink == null || sink.dispatchers() == null) {
      return;
    }
    for (int i = 0; i < sink.dispatchers().size(); i++) {
      SinkSpec.DispatcherSpec d = sink.dispatchers().get(i);
      String at = "spec.sink.dispatchers[" + i + "]";
      if (d == null) {
        out.add(new ConfigProblem(res, at, "is empty"));
        continue;
      }
      if (d.partition() != null && !PARTITIONS.contains(d.partition())) {
        out.add(
            new ConfigProblem(
                res,
                at + ".partition",
                "'" + d.partition() + "' is not one of " + String.join(", ", PARTITIONS)));
      }
    }
  }

  private static void validateChangefeed(
      String res,
      ChangefeedSpec spec,
      ObjectMeta clusterMeta,
      ObjectMeta cfMeta,
      List<ConfigProblem> out) {
    String clusterName = clusterMeta == null ? null : clusterMeta.name();
    if (spec.cluster() == null || spec.cluster().isEmpty()) {
      out.add(
          new ConfigProblem(
              res, "spec.cluster", "missing; name the TiCDCCluster ('" + clusterName + "')"));
    } else if (!spec.cluster().equals(clusterName)) {
      out.add(
          new ConfigProblem(
              res,
              "spec.cluster",
              "unknown cluster '"
                  + spec.cluster()
                  + "': the file's TiCDCCluster is '"
                  + clusterName
                  + "'"));
    } else if (!Objects.equals(namespace(clusterMeta), namespace(cfMeta))) {
      out.add(
          new ConfigProblem(
              res,
              "metadata.namespace",
              "'"
                  + namespace(cfMeta)
                  + "' differs from the TiCDCCluster's namespace '"
                  + namespace(clusterMeta)
                  + "'"));
    }
    long start = spec.startTs() == null ? 0 : spec.startTs();
    long target = spec.targetTs() == null ? 0 : spec.targetTs();
    if (start < 0) {
      out.add(new ConfigProblem(res, "spec.startTs", "must not be negative, got " + start));
    }
    if (target < 0) {
      out.add(new ConfigProblem(res, "spec.targetTs", "must not be negative, got " + target));
    } else if (target > 0 && start > 0 && target <= start) {
      out.add(
          new ConfigProblem(
              res,
              "spec.targetTs",
              target + " must be greater than spec.startTs " + start + " (or 0 for no target)"));
    }
    if (spec.state() != null && DesiredState.parse(spec.state()).isEmpty()) {
      out.add(
          new ConfigProblem(
              res,
              "spec.state",
              "'" + spec.state() + "' is not one of " + DesiredState.allTexts()));
    }
    if (spec.filter() != null) {
      validateFilter(res, spec.filter(), out);
    }
    SinkSettings.resolve(spec.sink(), res, out);
    validateSinkExtras(res, spec.sink(), out);
    if (spec.pluginRef() != null
        && (spec.pluginRef().name() == null || spec.pluginRef().name().isEmpty())) {
      out.add(new ConfigProblem(res, "spec.pluginRef.name", "missing; name a SinkPlugin"));
    }
  }

  private static void validateFilter(String res, FilterSpec f, List<ConfigProblem> out) {
    CaseSensitivity cs =
        Boolean.TRUE.equals(f.caseSensitive())
            ? CaseSensitivity.SENSITIVE
            : CaseSensitivity.INSENSITIVE;
    validateRules(res, "spec.filter.rules", f.rules(), cs, out);
    if (f.eventFilters() != null) {
      for (int i = 0; i < f.eventFilters().size(); i++) {
        EventFilterSpec e = f.eventFilters().get(i);
        String at = "spec.filter.eventFilters[" + i + "]";
        if (e == null) {
          out.add(new ConfigProblem(res, at, "is empty"));
          continue;
        }
        validateRules(res, at + ".matcher", e.matcher(), cs, out);
        List<String> events = e.ignoreEvent() == null ? List.of() : e.ignoreEvent();
        for (int j = 0; j < events.size(); j++) {
          if (events.get(j) == null || EventType.parse(events.get(j)).isEmpty()) {
            out.add(
                new ConfigProblem(
                    res, at + ".ignoreEvent[" + j + "]", unknownEvent(events.get(j))));
          }
        }
        List<String> sqls = e.ignoreSql() == null ? List.of() : e.ignoreSql();
        for (int j = 0; j < sqls.size(); j++) {
          try {
            Pattern.compile(Objects.requireNonNullElse(sqls.get(j), ""));
          } catch (PatternSyntaxException x) {
            out.add(
                new ConfigProblem(
                    res,
                    at + ".ignoreSql[" + j + "]",
                    "not a regular expression: " + x.getDescription()));
          }
        }
      }
    }
  }

  /** The filter's own message for an unknown event type, which lists the supported ones. */
  private static String unknownEvent(String event) {
    try {
      ChangefeedFilter.create(
          new ChangefeedFilter.Config(
              List.of(),
              CaseSensitivity.INSENSITIVE,
              List.of(new EventFilterRule(List.of("*.*"), List.of(String.valueOf(event)), null)),
              null));
    } catch (FilterRuleException e) {
      String m = e.getMessage();
      return m.substring(m.indexOf(':') + 1).trim();
    }
    return "unknown event type '" + event + "'";
  }

  private static void validateRules(
      String res, String path, List<String> rules, CaseSensitivity cs, List<ConfigProblem> out) {
    if (rules == null) {
      return;
    }
    for (int i = 0; i < rules.size(); i++) {
      String rule = rules.get(i);
      if (rule == null) {
        out.add(new ConfigProblem(res, path + "[" + i + "]", "is empty"));
        continue;
      }
      // Valid stand-ins before the rule keep its number in the parser's message right.
      List<String> probe = new ArrayList<>(Collections.nCopies(i, "*.*"));
      probe.add(rule);
      try {
        TableFilter.parse(probe, cs);
      } catch (FilterRuleException e) {
        out.add(new ConfigProblem(res, path + "[" + i + "]", e.getMessage()));
      }
    }
  }

  private static void validateName(String res, ObjectMeta meta, List<ConfigProblem> out) {
    if (meta == null || meta.name() == null || meta.name().isEmpty()) {
      out.add(new ConfigProblem(res, "metadata.name", "missing"));
    } else if (meta.name().length() > 253 || !NAME.matcher(meta.name()).matches()) {
      out.add(
          new ConfigProblem(
              res,
              "metadata.name",
              "'"
                  + meta.name()
                  + "' is not a valid name: lower-case letters, digits, '-' and '.', starting and"
                  + " ending with a letter or digit"));
    }
  }

  private static String nameOf(ObjectMeta meta) {
    return meta == null || meta.name() == null ? "(no name)" : meta.name();
  }

  private static String namespace(ObjectMeta meta) {
    return meta == null || meta.namespace() == null || meta.namespace().isEmpty()
        ? ChangefeedDefaults.NAMESPACE
        : meta.namespace();
  }
}
