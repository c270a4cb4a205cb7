package io.tidb.cdc.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.worker.pipeline.ChangefeedStatus;
import io.tidb.cdc.worker.pipeline.Tso;

/** The {@code /api/v1/status} document of a changefeed. Pure. */
public final class StatusJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusJson() {}

  public static ObjectNode of(ChangefeedStatus s, long nowMillis) {
    ObjectNode n = JSON.createObjectNode();
    n.put("namespace", s.namespace());
    n.put("changefeed", s.name());
    n.put("state", s.phase().text());
    n.put("startTs", s.startTs());
    if (s.targetTs() > 0) {
      n.put("targetTs", s.targetTs());
    }
    n.put("checkpointTs", s.checkpointTs());
    n.put(
        "checkpointTime", s.checkpointTs() > 0 ? Tso.toInstant(s.checkpointTs()).toString() : null);
    n.put("resolvedTs", s.resolvedTs());
    n.put("lagSeconds", Tso.lagSeconds(s.checkpointTs(), nowMillis));
    n.put("resolvedLagSeconds", Tso.lagSeconds(s.resolvedTs(), nowMillis));
    n.put("tables", s.tables());
    n.put("rowsMounted", s.rowsMounted());
    n.put("rowsWritten", s.rowsWritten());
    n.put("rowsFlushed", s.rowsFlushed());
    n.put("ddlsExecuted", s.ddlsExecuted());
    n.put("lastError", s.lastError().orElse(null));
    return n;
  }

  public static String render(ChangefeedStatus s, long nowMillis) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(of(s, nowMillis));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a status tree always serializes", e);
    }
  }
}
