package io.tidb.cdc.operator.placement;

import io.tidb.cdc.coord.Assignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places a changefeed's tables on its cluster's captures. A pure function of {@link
 * PlacementInput}:
 *
 * <ul>
 *   <li><b>balanced</b>: table counts of live, non-draining captures differ by at most one once
 *       every pending move has completed;
 *   <li><b>sticky</b>: a table stays with its capture unless that capture is gone or draining, or
 *       the capture holds more than its share;
 *   <li><b>two-phase</b>: a table leaves a live owner first (phase 1, {@link MoveKind#RELEASE}) and
 *       goes to its new owner only once the old owner released its position, the old owner is gone,
 *       or the drain timeout passed;
 *   <li><b>epoch</b>: every written assignment carries 1 + the highest epoch among the changefeed's
 *       current assignments.
 * </ul>
 */
public final class PlacementPlanner {
  private PlacementPlanner() {}

  public static PlacementPlan plan(PlacementInput in) {
    SortedSet<Long> tables = in.tables();
    TreeSet<String> targets = new TreeSet<>(in.liveCaptures().keySet());
    targets.removeAll(in.draining());

    // Current owner of each table (first capture in id order wins a duplicate).
    Map<String, TreeSet<Long>> kept = new TreeMap<>();
    targets.forEach(c -> kept.put(c, new TreeSet<>()));
    List<Move> moves = new ArrayList<>();
    Map<Long, String> ownerOf = new HashMap<>();
    for (String capture : new TreeSet<>(in.assignments().keySet())) {
      for (long table : in.assignments().get(capture).tables()) {
        if (!tables.contains(table) || ownerOf.containsKey(table)) {
          continue; // dropped table or duplicate: simply left out of the new assignment
        }
        ownerOf.put(table, capture);
        if (kept.containsKey(capture)) {
          kept.get(capture).add(table);
        } else if (in.liveCaptures().containsKey(capture)) {
          moves.add(new Move(table, capture, null, MoveKind.RELEASE)); // draining owner
        }
      }
    }

    // Shares: floor(T/n) each, the first T mod n captures (most tables first: sticky) get one more.
    Map<String, Integer> quota = quotas(tables.size(), kept);
    for (var e : kept.entrySet()) {
      TreeSet<Long> own = e.getValue();
      while (own.size() > quota.get(e.getKey())) {
        long table = own.pollLast();
        moves.add(new Move(table, e.getKey(), null, MoveKind.RELEASE));
      }
    }

    // Tables nobody keeps: give the free ones to the captures with room, least loaded first.
    Map<Long, Long> pending = new TreeMap<>();
    for (long table : tables) {
      if (isKept(kept, table)) {
        continue;
      }
      PositionState pos = in.positions().get(table);
      String writer = pos == null ? null : pos.position().capture();
      boolean writerLive = writer != null && writtenByLiveIncarnation(in, writer, pos);
      if (writerLive && hasRoom(kept, quota, writer)) {
        kept.get(writer).add(table); // back to the capture that still runs it: no handover needed
        if (!writer.equals(ownerOf.get(table))) {
          moves.add(new Move(table, null, writer, MoveKind.HANDOVER));
        }
        moves.removeIf(m -> m.table() == table && m.kind() == MoveKind.RELEASE);
        continue;
      }
      MoveKind kind;
      if (pos == null) {
        kind = MoveKind.PLACE;
      } else if (writer == null) {
        kind = MoveKind.HANDOVER;
      } else if (!writerLive) {
        kind = MoveKind.RECOVER;
      } else {
        long since = in.releasePendingSince().getOrDefault(table, in.nowMillis());
        if (in.nowMillis() - since < in.drainTimeout().toMillis()) {
          pending.put(table, since);
          continue;
        }
        kind = MoveKind.FORCED;
      }
      String to = leastLoadedWithRoom(kept, quota);
      if (to == null) {
        continue; // no capture to run it (none live, or all draining)
      }
      kept.get(to).add(table);
      moves.add(new Move(table, writer, to, kind));
    }

    return assemble(in, kept, moves, pending);
  }

  private static boolean writtenByLiveIncarnation(
      PlacementInput in, String writer, PositionState pos) {
    Long registeredAt = in.liveCaptures().get(writer);
    return registeredAt != null && pos.modRevision() >= registeredAt;
  }

  private static Map<String, Integer> quotas(int tableCount, Map<String, TreeSet<Long>> kept) {
    Map<String, Integer> quota = new HashMap<>();
    if (kept.isEmpty()) {
      return quota;
    }
    int base = tableCount / kept.size();
    int extra = tableCount % kept.size();
    List<String> order = new ArrayList<>(kept.keySet());
    order.sort(
        Comparator.comparing((String c) -> kept.get(c).size())
            .reversed()
            .thenComparing(Comparator.naturalOrder()));
    for (int i = 0; i < order.size(); i++) {
      quota.put(order.get(i), base + (i < extra ? 1 : 0));
    }
    return quota;
  }

  private static boolean isKept(Map<String, TreeSet<Long>> kept, long table) {
    return kept.values().stream().anyMatch(s -> s.contains(table));
  }

  private static boolean hasRoom(
      Map<String, TreeSet<Long>> kept, Map<String, Integer> quota, String capture) {
    return kept.containsKey(capture) && kept.get(capture).size() < quota.get(capture);
  }

  private static String leastLoadedWithRoom(
      Map<String, TreeSet<Long>> kept, Map<String, Integer> quota) {
    String best = null;
    for (var e : kept.entrySet()) {
      if (e.getValue().size() < quota.get(e.getKey())
          && (best == null || e.getValue().size() < kept.get(best).size())) {
        best = e.getKey();
      }
    }
    return best;
  }

  private static PlacementPlan assemble(
      PlacementInput in,
      Map<String, TreeSet<Long>> kept,
      List<Move> moves,
      Map<Long, Long> pending) {
    long epoch =
        in.assignments().values().stream().mapToLong(Assignment::epoch).max().orElse(0) + 1;
    Map<String, List<Long>> next = new TreeMap<>();
    kept.forEach((c, t) -> next.put(c, List.copyOf(t)));
    for (String capture : in.assignments().keySet()) {
      if (!next.containsKey(capture) && in.liveCaptures().containsKey(capture)) {
        next.put(capture, List.of()); // a draining capture keeps an empty assignment
      }
    }
    Map<String, Assignment> writes = new TreeMap<>();
    for (var e : next.entrySet()) {
      Assignment old = in.assignments().get(e.getKey());
      boolean unchanged =
          old == null ? e.getValue().isEmpty() : Objects.equals(old.tables(), e.getValue());
      if (!unchanged) {
        writes.put(e.getKey(), new Assignment(epoch, e.getValue()));
      }
    }
    TreeSet<String> deletes = new TreeSet<>(in.assignments().keySet());
    deletes.removeAll(in.liveCaptures().keySet());
    boolean changed = !writes.isEmpty() || !deletes.isEmpty();
    return new PlacementPlan(writes, deletes, moves, pending, changed ? epoch : epoch - 1);
  }
}
