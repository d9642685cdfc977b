package io.shadowscale.testkit.sequence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run of observations against the sequence numbers {@code 0 .. expected-1} that were
 * produced: each processed exactly once, and per partition in order (offsets and sequence
 * numbers strictly increasing in processing order). Also measures the handoffs: the n-th change
 * of slot within a partition is that partition's part of the n-th handoff; its gap is the time
 * from the old slot's last record to the new slot's first.
 *
 * @param expected how many sequence numbers were produced
 * @param processed observations seen
 * @param duplicates sequence numbers seen more than once (each extra sighting counted)
 * @param missing sequence numbers in range never seen
 * @param outOfRange sequence numbers outside {@code 0 .. expected-1}
 * @param orderViolations records whose offset or sequence number was not above the previous one of its partition
 * @param handoffGaps per handoff, the longest gap over all partitions
 */
public record SequenceAudit(
        long expected,
        long processed,
        long duplicates,
        long missing,
        long outOfRange,
        long orderViolations,
        List<Duration> handoffGaps) {
    public SequenceAudit {
        handoffGaps = List.copyOf(handoffGaps);
    }

    /** Whether every sequence number was processed exactly once, in order. */
    public boolean exactlyOnceInOrder() {
        return duplicates == 0 && missing == 0 && outOfRange == 0 && orderViolations == 0 && processed == expected;
    }

    public static SequenceAudit of(List<Observation> observations, long expected) {
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " sequence numbers, was " + expected);
        }
        BitSet seen = new BitSet((int) expected);
        long duplicates = 0;
        long outOfRange = 0;
        long orderViolations = 0;
        Map<Integer, Observation> lastOf = new HashMap<>();
        Map<Integer, Integer> changesOf = new HashMap<>();
        List<Long> gapNanos = new ArrayList<>();
        for (Observation o : observations) {
            if (o.sequence() < 0 || o.sequence() >= expected) {
                outOfRange++;
            } else if (seen.get((int) o.sequence())) {
                duplicates++;
            } else {
                seen.set((int) o.sequence());
            }
            Observation last = lastOf.put(o.partition(), o);
            if (last != null) {
                if (o.offset() <= last.offset() || o.sequence() <= last.sequence()) {
                    orderViolations++;
                }
                if (last.slot() != o.slot()) {
                    int handoff = changesOf.merge(o.partition(), 1, Integer::sum) - 1;
                    long gap = o.processedAtNanos() - last.processedAtNanos();
                    while (gapNanos.size() <= handoff) {
                        gapNanos.add(0L);
                    }
                    gapNanos.set(handoff, Math.max(gapNanos.get(handoff), gap));
                }
            }
        }
        long missing = expected - seen.cardinality();
        return new SequenceAudit(
                expected,
                observations.size(),
                duplicates,
                missing,
                outOfRange,
                orderViolations,
                gapNanos.stream().map(Duration::ofNanos).toList());
    }
}
