package io.tidb.cdc.worker.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidb.cdc.worker.capture.Capture;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP answers of a worker in capture mode: ready while registered under a live lease; the
 * status names the capture, the changefeeds it maintains and the tables it owns.
 */
public final class CaptureView implements StatusServer.View {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<Capture.Status> status;

  public CaptureView(Supplier<Capture.Status> status) {
    this.status = status;
  }

  @Override
  public Optional<String> notReady() {
    return status.get().registered() ? Optional.empty() : Optional.of("not registered in etcd");
  }

  @Override
  public String metrics(long nowMillis) {
    Capture.Status s = status.get();
    PrometheusText out = new PrometheusText();
    out.add(
        "ticdc_capture_registered",
        "1 while the capture holds a live lease",
        PrometheusText.Type.GAUGE,
        java.util.Map.of("capture", s.captureId()),
        s.registered() ? 1 : 0);
    for (String cf : s.maintainerOf()) {
      out.add(
          "ticdc_capture_maintainer",
          "1 for each changefeed this capture maintains",
          PrometheusText.Type.GAUGE,
          java.util.Map.of("capture", s.captureId(), "changefeed", cf),
          1);
    }
    s.tables()
        .forEach(
            (cf, ids) ->
                out.add(
                    "ticdc_capture_owned_tables",
                    "tables of a changefeed this capture replicates",
                    PrometheusText.Type.GAUGE,
                    java.util.Map.of("capture", s.captureId(), "changefeed", cf),
                    ids.size()));
    return out.render();
  }

  @Override
  public String statusJson(long nowMillis) {
    Capture.Status s = status.get();
    ObjectNode n = JSON.createObjectNode();
    n.put("capture", s.captureId());
    n.put("registered", s.registered());
    s.maintainerOf().forEach(n.putArray("maintainerOf")::add);
    ObjectNode tables = n.putObject("tables");
    s.tables().forEach((cf, ids) -> ids.forEach(tables.putArray(cf)::add));
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a status tree always serializes", e);
    }
  }
}
