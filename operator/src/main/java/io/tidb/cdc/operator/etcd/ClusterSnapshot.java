package io.tidb.cdc.operator.etcd;

import io.tidb.cdc.coord.Assignment;
import io.tidb.cdc.coord.CaptureInfo;
import io.tidb.cdc.coord.ChangefeedId;
import io.tidb.cdc.coord.ChangefeedInfo;
import io.tidb.cdc.coord.ChangefeedKeys;
import io.tidb.cdc.coord.ChangefeedProgress;
import io.tidb.cdc.coord.CoordinationFormatException;
import io.tidb.cdc.coord.CoordinationJson;
import io.tidb.cdc.coord.DrainRequest;
import io.tidb.cdc.coord.EtcdLayout;
import io.tidb.cdc.coord.TableList;
import io.tidb.cdc.coord.TablePosition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coordination state of one TiCDCCluster, parsed from a prefix read. Values that cannot be
 * decoded are skipped and listed in {@link #problems()}: the operator never acts on half-understood
 * state.
 *
 * @param revision the etcd revision of the read
 * @param captures live captures by id (their keys exist only while their lease lives)
 * @param drains drain requests by capture id
 * @param changefeeds per changefeed
 * @param problems one line per value that could not be decoded
 */
public record ClusterSnapshot(
    long revision,
    Map<String, Versioned<CaptureInfo>> captures,
    Map<String, DrainRequest> drains,
    Map<ChangefeedId, ChangefeedSnapshot> changefeeds,
    List<String> problems) {
  public ClusterSnapshot {
    captures = Map.copyOf(captures);
    drains = Map.copyOf(drains);
    changefeeds = Map.copyOf(changefeeds);
    problems = List.copyOf(problems);
  }

  /** The changefeed's state, empty when etcd holds nothing for it. */
  public ChangefeedSnapshot changefeed(ChangefeedId id) {
    return changefeeds.getOrDefault(id, ChangefeedSnapshot.empty(id));
  }

  /** Parses the keys under {@code layout.prefix()}. */
  public static ClusterSnapshot parse(EtcdLayout layout, List<KeyValue> kvs, long revision) {
    Map<String, Versioned<CaptureInfo>> captures = new TreeMap<>();
    Map<String, DrainRequest> drains = new TreeMap<>();
    Map<ChangefeedId, Builder> feeds = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (KeyValue kv : kvs) {
      String key = kv.key();
      try {
        if (key.startsWith(layout.capturesPrefix())) {
          captures.put(
              EtcdLayout.lastSegment(key),
              new Versioned<>(
                  CoordinationJson.decode(key, kv.value(), CaptureInfo.class),
                  kv.createRevision(),
                  kv.modRevision()));
        } else if (key.startsWith(layout.drainPrefix())) {
          drains.put(
              EtcdLayout.lastSegment(key),
              CoordinationJson.decode(key, kv.value(), DrainRequest.class));
        } else {
          var id = layout.changefeedOf(key);
          if (id.isPresent()) {
            feeds.computeIfAbsent(id.get(), i -> new Builder(i, layout.changefeed(i))).accept(kv);
          }
        }
      } catch (CoordinationFormatException | IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    Map<ChangefeedId, ChangefeedSnapshot> changefeeds = new HashMap<>();
    feeds.forEach((id, b) -> changefeeds.put(id, b.build()));
    return new ClusterSnapshot(revision, captures, drains, changefeeds, problems);
  }

  private static final class Builder {
    private final ChangefeedId id;
    private final ChangefeedKeys keys;
    private Versioned<ChangefeedInfo> info;
    private String maintainer;
    private TableList tables;
    private final Map<String, Versioned<Assignment>> assignments = new TreeMap<>();
    private final Map<Long, Versioned<TablePosition>> positions = new TreeMap<>();
    private ChangefeedProgress progress;

    Builder(ChangefeedId id, ChangefeedKeys keys) {
      this.id = id;
      this.keys = keys;
    }

    void accept(KeyValue kv) {
      String key = kv.key();
      byte[] v = kv.value();
      if (key.equals(keys.info())) {
        info =
            new Versioned<>(
                CoordinationJson.decode(key, v, ChangefeedInfo.class),
                kv.createRevision(),
                kv.modRevision());
      } else if (key.equals(keys.maintainer())) {
        maintainer = new String(v, StandardCharsets.UTF_8).trim();
      } else if (key.equals(keys.tables())) {
        tables = CoordinationJson.decode(key, v, TableList.class);
      } else if (key.equals(keys.progress())) {
        progress = CoordinationJson.decode(key, v, ChangefeedProgress.class);
      } else if (key.startsWith(keys.assignmentsPrefix())) {
        assignments.put(
            EtcdLayout.lastSegment(key),
            new Versioned<>(
                CoordinationJson.decode(key, v, Assignment.class),
                kv.createRevision(),
                kv.modRevision()));
      } else if (key.startsWith(keys.positionsPrefix())) {
        long table;
        try {
          table = Long.parseLong(EtcdLayout.lastSegment(key));
        } catch (NumberFormatException e) {
          throw new CoordinationFormatException(key, "does not end in a table id");
        }
        positions.put(
            table,
            new Versioned<>(
                CoordinationJson.decode(key, v, TablePosition.class),
                kv.createRevision(),
                kv.modRevision()));
      }
    }

    ChangefeedSnapshot build() {
      return new ChangefeedSnapshot(id, info, maintainer, tables, assignments, positions, progress);
    }
  }
}
