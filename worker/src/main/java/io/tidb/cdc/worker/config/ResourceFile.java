package io.tidb.cdc.worker.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a standalone changefeed file: YAML documents separated by {@code ---}, exactly one {@code
 * TiCDCCluster} and one {@code Changefeed} of {@code cdc.tidb.io/v1alpha1}. Every unknown field,
 * wrong type, missing or repeated document is reported at once, each with its path.
 */
public final class ResourceFile {
  public static final String API_VERSION = "cdc.tidb.io/v1alpha1";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private ResourceFile() {}

  /**
   * Reads {@code file}.
   *
   * @throws ConfigException listing what is wrong, including when the file cannot be read
   */
  public static StandaloneFile read(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(),
          List.of(new ConfigProblem(file.toString(), "", "cannot read the file: " + e)));
    }
    return parse(text, file.toString());
  }

  /** Parses the YAML {@code text}; {@code source} names it in messages. */
  public static StandaloneFile parse(String text, String source) throws ConfigException {
    List<JsonNode> docs = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          docs.add(doc);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          source, List.of(new ConfigProblem(source, "", "not valid YAML: " + firstLine(e))));
    }
    List<ConfigProblem> problems = new ArrayList<>();
    List<TiCdcCluster> clusters = new ArrayList<>();
    List<Changefeed> changefeeds = new ArrayList<>();
    int clusterDocs = 0;
    int changefeedDocs = 0;
    for (int i = 0; i < docs.size(); i++) {
      JsonNode doc = docs.get(i);
      String where = "document " + (i + 1);
      if (!doc.isObject()) {
        problems.add(new ConfigProblem(where, "", "is not a mapping (apiVersion, kind, ...)"));
        continue;
      }
      String kind = doc.path("kind").asText("");
      String resource =
          kind.isEmpty()
              ? where
              : kind + " " + doc.path("metadata").path("name").asText("(" + where + ")");
      String apiVersion = doc.path("apiVersion").asText("");
      if (!API_VERSION.equals(apiVersion)) {
        problems.add(
            new ConfigProblem(
                resource,
                "apiVersion",
                (apiVersion.isEmpty() ? "missing" : "'" + apiVersion + "' is not supported")
                    + "; expected "
                    + API_VERSION));
      }
      switch (kind) {
        case TiCdcCluster.KIND -> {
          clusterDocs++;
          read(doc, TiCdcCluster.class, resource, problems, clusters);
        }
        case Changefeed.KIND -> {
          changefeedDocs++;
          read(doc, Changefeed.class, resource, problems, changefeeds);
        }
        default ->
            problems.add(
                new ConfigProblem(
                    resource,
                    "kind",
                    (kind.isEmpty() ? "missing" : "'" + kind + "' is not supported here")
                        + "; expected "
                        + TiCdcCluster.KIND
                        + " or "
                        + Changefeed.KIND));
      }
    }
    requireOne(clusterDocs, TiCdcCluster.KIND, source, problems);
    requireOne(changefeedDocs, Changefeed.KIND, source, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return new StandaloneFile(clusters.get(0), changefeeds.get(0));
  }

  /**
   * Reads a cluster file: the {@code TiCDCCluster} document a worker in capture mode runs under
   * (what the operator puts in its ConfigMap). Other documents in the file are ignored.
   *
   * @throws ConfigException naming what is wrong
   */
  public static TiCdcCluster readCluster(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(),
          List.of(new ConfigProblem(file.toString(), "", "cannot read the file: " + e)));
    }
    String source = file.toString();
    List<ConfigProblem> problems = new ArrayList<>();
    List<TiCdcCluster> clusters = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        JsonNode doc = it.nextValue();
        if (doc != null && doc.isObject() && TiCdcCluster.KIND.equals(doc.path("kind").asText())) {
          read(doc, TiCdcCluster.class, resourceName(doc, source), problems, clusters);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new ConfigException(
          source, List.of(new ConfigProblem(source, "", "not valid YAML: " + firstLine(e))));
    }
    if (problems.isEmpty() && clusters.size() != 1) {
      problems.add(
          new ConfigProblem(
              source, "", clusters.size() + " TiCDCCluster documents; a cluster file holds one"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return clusters.get(0);
  }

  /**
   * Reads a {@code Changefeed} document given as a JSON tree (from etcd), with the same checks as a
   * file: apiVersion, kind, unknown fields, types.
   *
   * @throws ConfigException naming what is wrong
   */
  public static Changefeed parseChangefeed(JsonNode doc, String source) throws ConfigException {
    List<ConfigProblem> problems = new ArrayList<>();
    List<Changefeed> out = new ArrayList<>();
    if (doc == null || !doc.isObject()) {
      problems.add(new ConfigProblem(source, "", "is not a Changefeed document"));
    } else {
      String resource = resourceName(doc, source);
      if (!API_VERSION.equals(doc.path("apiVersion").asText(""))) {
        problems.add(
            new ConfigProblem(
                resource,
                "apiVersion",
                "'" + doc.path("apiVersion").asText("") + "' is not " + API_VERSION));
      }
      if (!Changefeed.KIND.equals(doc.path("kind").asText(""))) {
        problems.add(
            new ConfigProblem(
                resource,
                "kind",
                "'" + doc.path("kind").asText("") + "' is not " + Changefeed.KIND));
      }
      read(doc, Changefeed.class, resource, problems, out);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
    return out.get(0);
  }

  private static String resourceName(JsonNode doc, String source) {
    return doc.path("kind").asText("document")
        + " "
        + doc.path("metadata").path("name").asText("(" + source + ")");
  }

  private static <T> void read(
      JsonNode doc, Class<T> type, String resource, List<ConfigProblem> problems, List<T> out) {
    List<ConfigProblem> unknown = UnknownFields.find(resource, doc, type);
    if (!unknown.isEmpty()) {
      problems.addAll(unknown);
      return;
    }
    try {
      out.add(YAML.treeToValue(doc, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(typeProblem(resource, e));
    }
  }

  private static ConfigProblem typeProblem(String resource, Exception e) {
    if (e instanceof MismatchedInputException m) {
      String expected = m.getTargetType() == null ? "another type" : describe(m.getTargetType());
      String got = m instanceof InvalidFormatException f ? ", got '" + f.getValue() + "'" : "";
      return new ConfigProblem(resource, path(m), "expected " + expected + got);
    }
    if (e instanceof JsonMappingException m) {
      return new ConfigProblem(resource, path(m), firstLine(e));
    }
    return new ConfigProblem(resource, "", firstLine(e));
  }

  private static String describe(Class<?> type) {
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type)) {
      return "a mapping of names to values";
    }
    if (type.isRecord()) {
      return "a mapping";
    }
    if (type == Long.class || type == long.class || type == Integer.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code spec.filter.rules[1]} from Jackson's reference chain. */
  static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static void requireOne(int n, String kind, String source, List<ConfigProblem> out) {
    if (n == 0) {
      out.add(
          new ConfigProblem(
              source, "", "no " + kind + " document; a standalone file holds one " + kind));
    } else if (n > 1) {
      out.add(
          new ConfigProblem(
              source, "", n + " " + kind + " documents; a standalone file holds exactly one"));
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
