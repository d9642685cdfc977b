package io.shadowscale.bench.load.cutover;

import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Where one walk's time went, from the controller's transitions and the processors'
 * {@link HandoffProbe} (all on one nano timeline). Times in milliseconds; -1 where a step did not
 * happen.
 *
 * @param from workers before
 * @param to workers after
 * @param requestToWarming the resize request until the controller started warming (its tick)
 * @param warmup warming until every new worker was ready (new slot group settled)
 * @param fenceToStopped CUTTING_OVER (fence sent) until the last old owner stopped a partition
 * @param stoppedToBarrier the last partition stopped until the barrier was published
 * @param barrierToStarted barrier published until the last new owner started a partition
 * @param startedToFirstRecord a partition started until its first record was processed (max)
 * @param handoffMax last record of the old owner to first record of the new one, worst partition
 *     (includes time without waiting records, so an upper bound of the processing gap)
 * @param handoffMedian the same, median partition
 * @param barrierToActive barrier published until the controller saw every partition active
 * @param activeToSteady until the old slot was drained and the pair steady again
 * @param partitions partitions with a complete handoff in this walk
 * @param gapBeforeCutover longest processing gap (harness definition, at least 20 ms kept) that
 *     ended between the request and the cutover (warm-up: the active slot alone processes)
 * @param gapFromCutover longest processing gap that ended from the cutover (fence sent) until
 *     the walk was reported
 * @param outcome "steady", "rolled back" or the phase it was left in
 */
record WalkReport(
        int from,
        int to,
        double requestToWarming,
        double warmup,
        double fenceToStopped,
        double stoppedToBarrier,
        double barrierToStarted,
        double startedToFirstRecord,
        double handoffMax,
        double handoffMedian,
        double barrierToActive,
        double activeToSteady,
        int partitions,
        double gapBeforeCutover,
        double gapFromCutover,
        String outcome) {

    /**
     * @param history the pair's transitions (oldest first)
     * @param requestedAt nanos of the resize request
     * @param nanosOf converts a transition time to the nano timeline
     * @param handoffs every partition's latest handoff
     * @param gaps the kept processing gaps that ended since the request
     */
    static WalkReport of(
            int from,
            int to,
            List<Transition> history,
            long requestedAt,
            ToLongFunction<Instant> nanosOf,
            List<HandoffProbe.PartitionHandoff> handoffs,
            List<HandoffProbe.Gap> gaps) {
        int start = -1;
        for (int i = history.size() - 1; i >= 0; i--) {
            Transition t = history.get(i);
            if (t.from() == PairPhase.STEADY && t.to() == PairPhase.WARMING) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return new WalkReport(from, to, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, "no walk found");
        }
        long warming = nanosOf.applyAsLong(history.get(start).at());
        long cutting = Long.MIN_VALUE;
        long barrier = Long.MIN_VALUE;
        long draining = Long.MIN_VALUE;
        long steady = Long.MIN_VALUE;
        String outcome = history.get(history.size() - 1).to().name();
        for (Transition t : history.subList(start + 1, history.size())) {
            long at = nanosOf.applyAsLong(t.at());
            if (t.from() == PairPhase.WARMING && t.to() == PairPhase.CUTTING_OVER) {
                cutting = at;
            } else if (t.from() == PairPhase.CUTTING_OVER
                    && t.to() == PairPhase.CUTTING_OVER
                    && t.reason().startsWith("barrier published")) {
                barrier = at;
            } else if (t.to() == PairPhase.DRAINING) {
                draining = at;
            } else if (t.to() == PairPhase.ROLLING_BACK) {
                outcome = "rolled back";
            } else if (t.to() == PairPhase.STEADY && !outcome.equals("rolled back")) {
                steady = at;
                outcome = "steady";
            }
        }
        List<HandoffProbe.PartitionHandoff> walk = new ArrayList<>();
        if (cutting != Long.MIN_VALUE) {
            for (HandoffProbe.PartitionHandoff h : handoffs) {
                if (h.complete() && h.stoppedAt() >= cutting) {
                    walk.add(h);
                }
            }
        }
        double stopped = walk.isEmpty()
                ? -1
                : ms(walk.stream()
                                .mapToLong(HandoffProbe.PartitionHandoff::stoppedAt)
                                .max()
                                .getAsLong()
                        - cutting);
        long lastStop = walk.stream()
                .mapToLong(HandoffProbe.PartitionHandoff::stoppedAt)
                .max()
                .orElse(Long.MIN_VALUE);
        long lastStart = walk.stream()
                .mapToLong(HandoffProbe.PartitionHandoff::startedAt)
                .max()
                .orElse(Long.MIN_VALUE);
        double firstRecord = walk.isEmpty()
                ? -1
                : ms(walk.stream()
                        .mapToLong(h -> h.firstAfterStart() - h.startedAt())
                        .max()
                        .getAsLong());
        List<Long> handoffGaps = new ArrayList<>(
                walk.stream().map(h -> h.firstAfterStart() - h.lastBeforeStop()).toList());
        Collections.sort(handoffGaps);
        long cut = cutting;
        double before = ms(gaps.stream()
                .filter(g -> cut == Long.MIN_VALUE || g.endNanos() < cut)
                .mapToLong(HandoffProbe.Gap::nanos)
                .max()
                .orElse(0));
        double after = cut == Long.MIN_VALUE
                ? -1
                : ms(gaps.stream()
                        .filter(g -> g.endNanos() >= cut)
                        .mapToLong(HandoffProbe.Gap::nanos)
                        .max()
                        .orElse(0));
        return new WalkReport(
                from,
                to,
                ms(warming - requestedAt),
                between(warming, cutting),
                stopped,
                between(lastStop, barrier),
                between(barrier, lastStart),
                firstRecord,
                handoffGaps.isEmpty() ? -1 : ms(handoffGaps.get(handoffGaps.size() - 1)),
                handoffGaps.isEmpty() ? -1 : ms(handoffGaps.get((handoffGaps.size() - 1) / 2)),
                between(barrier, draining),
                between(draining, steady),
                walk.size(),
                before,
                after,
                outcome);
    }

    /** One line for the run's output. */
    String line() {
        return String.format(
                Locale.ROOT,
                "walk %d->%d %s: request->warming %s ms, warm-up %s ms, fence->last stop %s ms, "
                        + "last stop->barrier %s ms, barrier->last start %s ms, start->first record max %s ms, "
                        + "handoff (old last record -> new first record) max %s / median %s ms over %d partitions, "
                        + "barrier->all active %s ms, ->steady %s ms; longest partition gap (>= 20 ms kept) "
                        + "before the cutover %s ms, from the cutover on %s ms",
                from,
                to,
                outcome,
                f(requestToWarming),
                f(warmup),
                f(fenceToStopped),
                f(stoppedToBarrier),
                f(barrierToStarted),
                f(startedToFirstRecord),
                f(handoffMax),
                f(handoffMedian),
                partitions,
                f(barrierToActive),
                f(activeToSteady),
                f(gapBeforeCutover),
                f(gapFromCutover));
    }

    Optional<Double> gapBound() {
        return handoffMax < 0 ? Optional.empty() : Optional.of(handoffMax);
    }

    private static double between(long a, long b) {
        return a == Long.MIN_VALUE || b == Long.MIN_VALUE ? -1 : ms(b - a);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String f(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
