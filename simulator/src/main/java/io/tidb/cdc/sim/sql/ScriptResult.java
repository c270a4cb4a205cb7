package io.tidb.cdc.sim.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * What a script did: the statements that ran (committed ones carry their commit ts) and the error
 * that stopped it, if any. A failed statement changed nothing; in a transaction the whole
 * transaction was rolled back; statements after it did not run.
 */
public record ScriptResult(List<StatementResult> results, Optional<SqlError> error) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public ScriptResult {
    results = List.copyOf(results);
  }

  /** The statement that failed and why. */
  public record SqlError(int index, String statement, String message) {}

  public boolean ok() {
    return error.isEmpty();
  }

  /** The last commit ts of the script, if anything was committed. */
  public Optional<Long> lastCommitTs() {
    Long last = null;
    for (StatementResult r : results) {
      if (r.commitTs() != null) {
        last = r.commitTs();
      }
    }
    return Optional.ofNullable(last);
  }

  /** Throws {@link SqlException} with the error's message if the script failed. */
  public ScriptResult orThrow() {
    error.ifPresent(
        e -> {
          throw new SqlException(
              "statement " + e.index() + " (" + e.statement() + "): " + e.message());
        });
    return this;
  }

  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("ok", ok());
    ArrayNode arr = root.putArray("results");
    for (StatementResult r : results) {
      ObjectNode n = arr.addObject();
      n.put("index", r.index());
      n.put("statement", r.statement());
      n.put("kind", r.kind());
      if (r.commitTs() == null) {
        n.putNull("commit_ts");
      } else {
        n.put("commit_ts", r.commitTs());
      }
      n.put("rows_affected", r.rowsAffected());
      if (r.jobId() != null) {
        n.put("job_id", r.jobId());
        n.put("schema_version", r.schemaVersion());
      }
      if (r.note() != null) {
        n.put("note", r.note());
      }
    }
    if (error.isPresent()) {
      ObjectNode e = root.putObject("error");
      e.put("index", error.get().index());
      e.put("statement", error.get().statement());
      e.put("message", error.get().message());
    } else {
      root.putNull("error");
    }
    return root.toString();
  }
}
