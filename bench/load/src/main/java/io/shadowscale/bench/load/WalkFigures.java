package io.shadowscale.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A run's figures over all its scale events ("walks" for the Shadowscale pair, rebalances for the
 * in-place groups), so that every row is a distribution, not one sample.
 *
 * <p>An event's window runs from the event to the next one (or to the end of the run). Its
 * <em>gap samples</em> are, per partition, the longest processing gap that ended in the window
 * (time with a waiting record and nothing processed, as {@link Recorder} counts it); the
 * percentiles are over every event and partition. Its <em>event second</em> is the second of the
 * window in which the longest gap ended (where the handoff or the rebalance stall happened); the
 * event-second p99 is the p99 latency over the records processed in all event seconds, and its
 * ratio is to the p99 of every other second after the warm-up (one second either side of an event
 * second left out).
 *
 * @param walks the number of events
 * @param gapP50Ms median gap sample
 * @param gapP99Ms 99th percentile gap sample
 * @param gapMaxMs largest gap sample
 * @param eventSecondP99Ms p99 latency over the event seconds
 * @param otherSecondsP99Ms p99 latency over the other seconds
 * @param eventP99Ratio eventSecondP99Ms / otherSecondsP99Ms
 */
public record WalkFigures(
        int walks,
        Double gapP50Ms,
        Double gapP99Ms,
        Double gapMaxMs,
        Double eventSecondP99Ms,
        Double otherSecondsP99Ms,
        Double eventP99Ratio) {
    /** A run without events. */
    public static final WalkFigures NONE = new WalkFigures(0, null, null, null, null, null, null);

    /** The figures of a finished run's series. */
    static WalkFigures of(
            Recorder.Series s, long[][] gapsByPartition, List<Recorder.ScaleEvent> events, int productionSeconds) {
        if (events.isEmpty()) {
            return NONE;
        }
        int n = s.out().length;
        List<Double> samples = new ArrayList<>();
        List<Integer> eventSeconds = new ArrayList<>();
        for (int k = 0; k < events.size(); k++) {
            int from = Math.max(0, (int) Math.floor(events.get(k).atSeconds()));
            int to = k + 1 < events.size()
                    ? Math.min(n, (int) Math.floor(events.get(k + 1).atSeconds()))
                    : n;
            for (long[] partition : gapsByPartition) {
                long worst = 0;
                for (int i = from; i < to && i < partition.length; i++) {
                    worst = Math.max(worst, partition[i]);
                }
                if (worst > 0) {
                    samples.add(worst / 1e6);
                }
            }
            int at = -1;
            for (int i = from; i < to; i++) {
                if (s.latency()[i] != null && (at < 0 || s.maxGapNanos()[i] > s.maxGapNanos()[at])) {
                    at = i;
                }
            }
            if (at >= 0) {
                eventSeconds.add(at);
            }
        }
        Histogram event = new Histogram(Recorder.HIGHEST_MICROS, 3);
        Histogram steady = new Histogram(Recorder.HIGHEST_MICROS, 3);
        for (int i = 0; i < n; i++) {
            Histogram h = s.latency()[i];
            if (h == null) {
                continue;
            }
            if (eventSeconds.contains(i)) {
                event.add(h);
            } else if (i >= ScenarioResult.WARMUP && i < productionSeconds && near(i, eventSeconds) > 1) {
                steady.add(h);
            }
        }
        Collections.sort(samples);
        Double eventP99 = event.getTotalCount() == 0 ? null : event.getValueAtPercentile(99) / 1000.0;
        Double steadyP99 = steady.getTotalCount() == 0 ? null : steady.getValueAtPercentile(99) / 1000.0;
        Double ratio = eventP99 == null || steadyP99 == null || steadyP99 == 0 ? null : eventP99 / steadyP99;
        return new WalkFigures(
                events.size(),
                percentile(samples, 50),
                percentile(samples, 99),
                samples.isEmpty() ? null : samples.get(samples.size() - 1),
                eventP99,
                steadyP99,
                ratio);
    }

    /** Nearest-rank percentile of sorted values; null when there are none. */
    static Double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static int near(int second, List<Integer> eventSeconds) {
        int closest = Integer.MAX_VALUE;
        for (int e : eventSeconds) {
            closest = Math.min(closest, Math.abs(e - second));
        }
        return closest;
    }
}
