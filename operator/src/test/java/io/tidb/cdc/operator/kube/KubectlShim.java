package io.tidb.cdc.operator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the fabric8 mock API server (CRUD mode) answer what {@code kubectl} needs: {@code
 * /version}, discovery ({@code /api}, {@code /apis} and the groups we use), server-side Table
 * rendering of our custom resources with the CRDs' printer columns, JSON merge and strategic merge
 * patches (as RFC 7386 merges, lists replaced; the mock itself appends lists), server-side apply
 * approximated the same way, and field selectors on events (what {@code kubectl describe} lists).
 * Everything else goes to the CRUD dispatcher.
 */
final class KubectlShim extends Dispatcher {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesCrudDispatcher crud;
  private final List<CustomResourceDefinition> crds;

  KubectlShim(KubernetesCrudDispatcher crud, List<CustomResourceDefinition> crds) {
    this.crud = crud;
    this.crds = crds;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return route(request);
    } catch (Exception e) {
      return json(500, status(500, "shim: " + e));
    }
  }

  private MockResponse route(RecordedRequest request) throws Exception {
    String method = request.getMethod();
    String full = request.getPath();
    String path = full.contains("?") ? full.substring(0, full.indexOf('?')) : full;
    String query = full.contains("?") ? full.substring(full.indexOf('?') + 1) : "";
    if ("GET".equals(method)) {
      switch (path) {
        case "/version":
          return json(200, version());
        case "/api":
          return json(200, apiVersions());
        case "/apis":
          return json(200, groups());
        default:
          break;
      }
      if (path.startsWith("/openapi")) {
        return json(404, status(404, "no openapi here"));
      }
      JsonNode resources = resourceList(path);
      if (resources != null) {
        return json(200, resources);
      }
      if (path.matches("/api/v1/(namespaces/[^/]+/)?events") && query.contains("fieldSelector=")) {
        return filteredEvents(path, query);
      }
      String accept = request.getHeader("Accept");
      CustomResourceDefinition crd = crdFor(path);
      if (crd != null
          && accept != null
          && accept.contains("as=Table")
          && !query.contains("watch=")) {
        MockResponse plain = crud.handleGet(full);
        if (plain.code() != 200) {
          return plain;
        }
        return json(200, table(crd, JSON.readTree(plain.getBody().readUtf8())));
      }
    }
    if ("POST".equals(method)
        && path.equals("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")) {
      return json(201, everythingAllowed(request.getUtf8Body()));
    }
    if ("PATCH".equals(method)) {
      String type = request.getHeader("Content-Type");
      if (type != null && !type.contains("json-patch")) {
        return mergePatch(path, request.getUtf8Body(), type.contains("apply-patch"));
      }
    }
    return crud.dispatch(request);
  }

  /**
   * Java Operator SDK checks its Lease permissions with a SelfSubjectRulesReview before it runs a
   * leader election; the mock has no RBAC, so every rule is allowed.
   */
  private static JsonNode everythingAllowed(String review) throws Exception {
    ObjectNode out = (ObjectNode) JSON.readTree(review);
    ObjectNode rule = JSON.createObjectNode();
    rule.putArray("verbs").add("*");
    rule.putArray("apiGroups").add("*");
    rule.putArray("resources").add("*");
    ObjectNode status = out.putObject("status");
    status.putArray("resourceRules").add(rule);
    status.putArray("nonResourceRules");
    status.put("incomplete", false);
    return out;
  }

  /**
   * RFC 7386 merge of the patch into the stored object, then a PUT (a POST when server-side apply
   * creates) through the CRUD dispatcher's own handlers, as an API server would store it: a new
   * resourceVersion, a new generation when more than metadata and status changed, a watch event.
   * (The dispatcher's plain {@code handleUpdate(path, body)} does none of these: a controller would
   * only see such a change on its next unrelated event.)
   */
  private MockResponse mergePatch(String path, String body, boolean apply) throws Exception {
    JsonNode patch =
        apply ? JSON.valueToTree(Serialization.unmarshal(body, Map.class)) : JSON.readTree(body);
    MockResponse current = crud.handleGet(path);
    if (current.code() == 404 && apply) {
      String collection = path.substring(0, path.lastIndexOf('/'));
      return crud.dispatch(request(HttpMethod.POST, collection, patch));
    }
    if (current.code() != 200) {
      return current;
    }
    JsonNode merged = merge(JSON.readTree(current.getBody().readUtf8()), patch);
    return crud.dispatch(request(HttpMethod.PUT, path, merged));
  }

  private static RecordedRequest request(HttpMethod method, String path, JsonNode body)
      throws Exception {
    return new RecordedRequest(
        "HTTP/1.1",
        method,
        path,
        Headers.builder().add("Content-Type", "application/json").build(),
        new Buffer(JSON.writeValueAsBytes(body)));
  }

  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode out =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JSON.createObjectNode();
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  private MockResponse filteredEvents(String path, String query) throws Exception {
    String selector = "";
    for (String part : query.split("&")) {
      if (part.startsWith("fieldSelector=")) {
        selector =
            URLDecoder.decode(part.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
      }
    }
    MockResponse all = crud.handleGet(path); // limit and continue do not matter here
    if (all.code() != 200) {
      return all;
    }
    ObjectNode list = (ObjectNode) JSON.readTree(all.getBody().readUtf8());
    ArrayNode kept = JSON.createArrayNode();
    for (JsonNode item : list.path("items")) {
      boolean match = true;
      for (String term : selector.split(",")) {
        if (term.isBlank()) {
          continue;
        }
        String[] kv = term.split("=", 2);
        JsonNode node = item;
        for (String segment : kv[0].split("\\.")) {
          node = node == null ? null : node.get(segment);
        }
        String value = node == null || node.isNull() ? "" : node.asText();
        match &= value.equals(kv.length > 1 ? kv[1] : "");
      }
      if (match) {
        kept.add(item);
      }
    }
    list.set("items", kept);
    list.put("kind", "EventList"); // the mock says "List", which kubectl's typed decoder refuses
    return json(200, list);
  }

  private ObjectNode table(CustomResourceDefinition crd, JsonNode listOrItem) {
    CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
    ObjectNode table = JSON.createObjectNode();
    table.put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table
        .putObject("metadata")
        .put("resourceVersion", listOrItem.path("metadata").path("resourceVersion").asText(""));
    ArrayNode columns = table.putArray("columnDefinitions");
    columns
        .addObject()
        .put("name", "Name")
        .put("type", "string")
        .put("format", "name")
        .put("priority", 0);
    for (var c : v.getAdditionalPrinterColumns()) {
      columns
          .addObject()
          .put("name", c.getName())
          .put("type", c.getType())
          .put("format", "")
          .put("priority", c.getPriority() == null ? 0 : c.getPriority());
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> items = new ArrayList<>();
    if (listOrItem.has("items")) {
      listOrItem.get("items").forEach(items::add);
    } else {
      items.add(listOrItem);
    }
    for (JsonNode item : items) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(item.path("metadata").path("name").asText());
      for (var c : v.getAdditionalPrinterColumns()) {
        JsonNode value = item;
        for (String segment : c.getJsonPath().substring(1).split("\\.")) {
          value = value.path(segment);
        }
        if (value.isMissingNode() || value.isNull()) {
          cells.addNull();
        } else if ("date".equals(c.getType())) {
          cells.add(age(Instant.parse(value.asText())));
        } else {
          cells.add(value);
        }
      }
      ObjectNode object = row.putObject("object");
      object.put("kind", "PartialObjectMetadata").put("apiVersion", "meta.k8s.io/v1");
      object.set("metadata", item.path("metadata"));
    }
    return table;
  }

  private static String age(Instant since) {
    Duration d = Duration.between(since, Instant.now());
    if (d.toSeconds() < 120) {
      return Math.max(0, d.toSeconds()) + "s";
    }
    if (d.toMinutes() < 120) {
      return d.toMinutes() + "m";
    }
    return d.toHours() + "h";
  }

  private CustomResourceDefinition crdFor(String path) {
    for (CustomResourceDefinition crd : crds) {
      String group = crd.getSpec().getGroup();
      if (path.startsWith("/apis/" + group + "/")) {
        String plural = crd.getSpec().getNames().getPlural();
        if (path.matches("/apis/" + group + "/[^/]+/(namespaces/[^/]+/)?" + plural + "(/[^/]+)?")) {
          return crd;
        }
      }
    }
    return null;
  }

  private ObjectNode version() {
    ObjectNode v = JSON.createObjectNode();
    v.put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-ticdc-mock");
    v.put("platform", "linux/amd64").put("goVersion", "go1.23").put("compiler", "gc");
    v.put("buildDate", "2025-01-01T00:00:00Z")
        .put("gitCommit", "mock")
        .put("gitTreeState", "clean");
    return v;
  }

  private ObjectNode apiVersions() {
    ObjectNode v = JSON.createObjectNode();
    v.put("kind", "APIVersions");
    v.putArray("versions").add("v1");
    v.putArray("serverAddressByClientCIDRs")
        .addObject()
        .put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", "127.0.0.1");
    return v;
  }

  private List<String[]> groupVersions() {
    List<String[]> gv = new ArrayList<>();
    gv.add(new String[] {"apps", "v1"});
    gv.add(new String[] {"policy", "v1"});
    gv.add(new String[] {"coordination.k8s.io", "v1"});
    gv.add(new String[] {"events.k8s.io", "v1"});
    gv.add(new String[] {"apiextensions.k8s.io", "v1"});
    for (CustomResourceDefinition crd : crds) {
      gv.add(new String[] {crd.getSpec().getGroup(), crd.getSpec().getVersions().get(0).getName()});
    }
    return gv;
  }

  private ObjectNode groups() {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = list.putArray("groups");
    List<String> seen = new ArrayList<>();
    for (String[] gv : groupVersions()) {
      if (seen.contains(gv[0])) {
        continue;
      }
      seen.add(gv[0]);
      ObjectNode g = groups.addObject();
      g.put("name", gv[0]);
      ObjectNode version =
          JSON.createObjectNode().put("groupVersion", gv[0] + "/" + gv[1]).put("version", gv[1]);
      g.putArray("versions").add(version);
      g.set("preferredVersion", version);
    }
    return list;
  }

  private JsonNode resourceList(String path) {
    if (path.equals("/api/v1")) {
      return resources(
          "v1",
          new String[][] {
            {"pods", "Pod", "po"},
            {"services", "Service", "svc"},
            {"configmaps", "ConfigMap", "cm"},
            {"secrets", "Secret", ""},
            {"serviceaccounts", "ServiceAccount", "sa"},
            {"events", "Event", "ev"},
            {"persistentvolumeclaims", "PersistentVolumeClaim", "pvc"},
            {"namespaces", "Namespace", "ns", "cluster"},
          });
    }
    for (String[] gv : groupVersions()) {
      if (!path.equals("/apis/" + gv[0] + "/" + gv[1])) {
        continue;
      }
      String groupVersion = gv[0] + "/" + gv[1];
      return switch (gv[0]) {
        case "apps" ->
            resources(groupVersion, new String[][] {{"statefulsets", "StatefulSet", "sts"}});
        case "policy" ->
            resources(
                groupVersion,
                new String[][] {{"poddisruptionbudgets", "PodDisruptionBudget", "pdb"}});
        case "coordination.k8s.io" ->
            resources(groupVersion, new String[][] {{"leases", "Lease", ""}});
        case "events.k8s.io" -> resources(groupVersion, new String[][] {{"events", "Event", "ev"}});
        case "apiextensions.k8s.io" ->
            resources(
                groupVersion,
                new String[][] {
                  {"customresourcedefinitions", "CustomResourceDefinition", "crd", "cluster"}
                });
        default -> customResources(groupVersion, gv[0]);
      };
    }
    return null;
  }

  private ObjectNode customResources(String groupVersion, String group) {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    ArrayNode rs = list.putArray("resources");
    for (CustomResourceDefinition crd : crds) {
      if (!crd.getSpec().getGroup().equals(group)) {
        continue;
      }
      var names = crd.getSpec().getNames();
      ObjectNode r =
          resource(
              rs,
              names.getPlural(),
              names.getKind(),
              "Namespaced".equals(crd.getSpec().getScope()));
      r.put("singularName", names.getSingular());
      ArrayNode shorts = r.putArray("shortNames");
      if (names.getShortNames() != null) {
        names.getShortNames().forEach(shorts::add);
      }
      ArrayNode categories = r.putArray("categories");
      if (names.getCategories() != null) {
        names.getCategories().forEach(categories::add);
      }
      ObjectNode status = rs.addObject();
      status
          .put("name", names.getPlural() + "/status")
          .put("singularName", "")
          .put("namespaced", true)
          .put("kind", names.getKind());
      status.putArray("verbs").add("get").add("patch").add("update");
    }
    return list;
  }

  private ObjectNode resources(String groupVersion, String[][] entries) {
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "APIResourceList").put("apiVersion", "v1").put("groupVersion", groupVersion);
    ArrayNode rs = list.putArray("resources");
    for (String[] e : entries) {
      ObjectNode r = resource(rs, e[0], e[1], e.length < 4);
      r.put("singularName", e[1].toLowerCase(java.util.Locale.ROOT));
      if (!e[2].isEmpty()) {
        r.putArray("shortNames").add(e[2]);
      }
    }
    return list;
  }

  private static ObjectNode resource(ArrayNode rs, String plural, String kind, boolean namespaced) {
    ObjectNode r = rs.addObject();
    r.put("name", plural).put("namespaced", namespaced).put("kind", kind);
    ArrayNode verbs = r.putArray("verbs");
    for (String verb :
        List.of(
            "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch")) {
      verbs.add(verb);
    }
    return r;
  }

  private static ObjectNode status(int code, String message) {
    ObjectNode s = JSON.createObjectNode();
    s.put("kind", "Status")
        .put("apiVersion", "v1")
        .put("status", "Failure")
        .put("message", message)
        .put("code", code);
    return s;
  }

  private static MockResponse json(int code, JsonNode body) {
    try {
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(JSON.writeValueAsString(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
