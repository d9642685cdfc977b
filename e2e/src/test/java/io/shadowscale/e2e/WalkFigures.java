package io.shadowscale.e2e;

import io.shadowscale.testkit.sequence.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The numbers the walk tests print: per-walk table, medians and worst cases, per-partition slot changes. */
final class WalkFigures {
    private WalkFigures() {}

    /** Per partition, how often consecutive records were processed by different slots. */
    static Map<Integer, Integer> slotChanges(List<Observation> observations) {
        Map<Integer, Observation> last = new HashMap<>();
        Map<Integer, Integer> changes = new TreeMap<>();
        for (Observation o : observations) {
            Observation before = last.put(o.partition(), o);
            changes.putIfAbsent(o.partition(), 0);
            if (before != null && before.slot() != o.slot()) {
                changes.merge(o.partition(), 1, Integer::sum);
            }
        }
        return changes;
    }

    /**
     * Per slot activation ({@code 0}: the first start, {@code n}: after the n-th handoff), how
     * often a partition moved between two workers of the same slot: an assignment that still
     * moved after the slot was reported ready, i.e. its group was not stable yet.
     */
    static Map<Integer, Long> movesWithinSlot(List<Observation> observations) {
        Map<Integer, Observation> last = new HashMap<>();
        Map<Integer, Integer> handoffs = new HashMap<>();
        Map<Integer, Long> moves = new TreeMap<>();
        for (Observation o : observations) {
            Observation before = last.put(o.partition(), o);
            if (before == null) {
                continue;
            }
            if (before.slot() != o.slot()) {
                handoffs.merge(o.partition(), 1, Integer::sum);
            } else if (!before.workerId().equals(o.workerId())) {
                moves.merge(handoffs.getOrDefault(o.partition(), 0), 1L, Long::sum);
            }
        }
        return moves;
    }

    /** The median (lower of the two middle values for an even count). */
    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 2);
    }

    static long worst(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Prints one line per walk and the RESULT line; returns the RESULT line. */
    static String print(String name, List<PairRig.Walk> walks, List<Duration> gaps, long records, long rate) {
        System.out.printf("%s: %d walks, %d records at %d msg/s%n", name, walks.size(), records, rate);
        System.out.printf(
                "%s: %3s %-14s %-12s %8s %10s %8s %7s%n",
                name, "#", "walk", "slots", "warm_ms", "cutover_ms", "walk_ms", "gap_ms");
        List<Long> gapMs = new ArrayList<>();
        List<Long> walkMs = new ArrayList<>();
        for (int i = 0; i < walks.size(); i++) {
            PairRig.Walk w = walks.get(i);
            long gap = gaps.get(i).toMillis();
            gapMs.add(gap);
            walkMs.add(w.walkMillis());
            System.out.printf(
                    "%s: %3d %-14s %-12s %8d %10d %8d %7d%n",
                    name,
                    i + 1,
                    w.from() + " -> " + w.to(),
                    w.fromSlot().label() + "->" + w.fromSlot().other().label(),
                    w.warmMillis(),
                    w.cutoverMillis(),
                    w.walkMillis(),
                    gap);
        }
        String result = String.format(
                "RESULT %s walks=%d records=%d gap_ms median=%d worst=%d walk_ms median=%d worst=%d",
                name, walks.size(), records, median(gapMs), worst(gapMs), median(walkMs), worst(walkMs));
        System.out.println(result);
        return result;
    }
}
