package io.tidb.cdc.worker.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds Prometheus text exposition format 0.0.4: per metric family one {@code # HELP}, one {@code
 * # TYPE} and its samples. Label values are escaped as the format requires.
 */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** A metric family's kind. */
  public enum Type {
    GAUGE,
    COUNTER
  }

  private record Sample(Map<String, String> labels, double value) {}

  private record Family(String help, Type type, List<Sample> samples) {}

  private final Map<String, Family> families = new LinkedHashMap<>();

  /** Adds a sample; the family is created with {@code help} and {@code type} on first use. */
  public PrometheusText add(
      String name, String help, Type type, Map<String, String> labels, double value) {
    families
        .computeIfAbsent(name, n -> new Family(help, type, new java.util.ArrayList<>()))
        .samples()
        .add(new Sample(labels, value));
    return this;
  }

  public String render() {
    StringBuilder sb = new StringBuilder();
    families.forEach(
        (name, f) -> {
          sb.append("# HELP ").append(name).append(' ').append(escapeHelp(f.help())).append('\n');
          sb.append("# TYPE ")
              .append(name)
              .append(' ')
              .append(f.type().name().toLowerCase(Locale.ROOT))
              .append('\n');
          for (Sample s : f.samples()) {
            sb.append(name);
            if (!s.labels().isEmpty()) {
              sb.append('{');
              boolean first = true;
              for (Map.Entry<String, String> l : s.labels().entrySet()) {
                if (!first) {
                  sb.append(',');
                }
                first = false;
                sb.append(l.getKey()).append("=\"").append(escapeLabel(l.getValue())).append('"');
              }
              sb.append('}');
            }
            sb.append(' ').append(format(s.value())).append('\n');
          }
        });
    return sb.toString();
  }

  static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escapeLabel(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
