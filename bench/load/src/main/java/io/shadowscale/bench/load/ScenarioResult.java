package io.shadowscale.bench.load;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The figures of one scenario run. Latencies are end to end (send time in the payload to
 * processing done), in milliseconds; {@code null} where a figure does not apply (no events).
 *
 * @param scenario the scenario name
 * @param error why the run did not complete, or null
 * @param throughputMsgsPerS records processed during the production window divided by its length
 * @param steadyP99Ms p99 over every second after the warm-up and outside the event windows
 * @param eventP99Ms the worst per-second p99 inside any event window
 * @param eventMaxMs the largest latency inside any event window
 * @param maxPartitionGapMs the longest time a partition had a waiting record and processed nothing (whole run)
 * @param eventGapMs the longest such gap that ended inside an event window (null without events)
 * @param duplicates records processed more than once (extra deliveries)
 * @param lost acknowledged records never processed by the end of the drain
 * @param sent records acknowledged by the broker
 * @param processed records processed, duplicates included
 * @param lagAtEndOfProduction acknowledged but unprocessed records when production ended
 * @param productionElapsedS seconds the producer took to send everything (the duration if it kept pace)
 * @param events the scale events
 * @param perEvent worst per-second p99 and max latency in each event's own window (cut at the neighbours)
 * @param perSecond the time series for charts
 * @param walkFigures the distributions over every event (walks, gap percentiles, event-second p99 ratio)
 */
public record ScenarioResult(
        String scenario,
        String error,
        double throughputMsgsPerS,
        Double steadyP99Ms,
        Double eventP99Ms,
        Double eventMaxMs,
        double maxPartitionGapMs,
        Double eventGapMs,
        long duplicates,
        long lost,
        long sent,
        long processed,
        long lagAtEndOfProduction,
        double productionElapsedS,
        List<Recorder.ScaleEvent> events,
        List<EventFigures> perEvent,
        PerSecond perSecond,
        @JsonUnwrapped WalkFigures walkFigures) {
    /** Seconds before an event included in its window. */
    public static final int WINDOW_BEFORE = 2;
    /** Seconds after an event included in its window unless the run says otherwise ({@code --event-window}). */
    public static final int WINDOW_AFTER = 10;
    /** First seconds of production left out of the steady p99 (JIT and fetch warm-up). */
    public static final int WARMUP = 2;

    public ScenarioResult {
        events = List.copyOf(events);
        perEvent = List.copyOf(perEvent);
        walkFigures = walkFigures == null ? WalkFigures.NONE : walkFigures;
    }

    /** One event's figures over its own window (windows of close events overlap). */
    public record EventFigures(String event, double atS, Double p99Ms, Double maxMs, Double gapMs) {}

    /** Per-second series, index = second since the start of production. */
    public record PerSecond(long[] in, long[] out, double[] p99Ms, double[] maxMs, int[] replicas, double[] gapMs) {}

    /** A run that could not happen or complete. */
    public static ScenarioResult failed(String scenario, String error) {
        return new ScenarioResult(
                scenario,
                error,
                0,
                null,
                null,
                null,
                0,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                List.of(),
                List.of(),
                new PerSecond(new long[0], new long[0], new double[0], new double[0], new int[0], new double[0]),
                WalkFigures.NONE);
    }

    /**
     * Computes the figures from a finished run's recorder, each event's window ending
     * {@code windowAfter} seconds after it.
     */
    public static ScenarioResult of(
            String scenario,
            String error,
            Recorder recorder,
            int productionSeconds,
            int totalSeconds,
            long lagAtEndOfProduction,
            double productionElapsedS,
            int windowAfter) {
        Recorder.Series s = recorder.series(totalSeconds);
        List<Recorder.ScaleEvent> events = recorder.events();
        int n = s.out().length;
        double[] p99 = new double[n];
        double[] max = new double[n];
        double[] gap = new double[n];
        double eventGap = Double.NaN;
        Histogram steady = new Histogram(Recorder.HIGHEST_MICROS, 3);
        double eventP99 = Double.NaN;
        double eventMax = Double.NaN;
        long outInWindow = 0;
        for (int i = 0; i < n; i++) {
            Histogram h = s.latency()[i];
            p99[i] = h == null ? Double.NaN : h.getValueAtPercentile(99) / 1000.0;
            max[i] = h == null ? Double.NaN : h.getMaxValue() / 1000.0;
            gap[i] = h == null ? Double.NaN : s.maxGapNanos()[i] / 1e6;
            if (i < productionSeconds) {
                outInWindow += s.out()[i];
            }
            if (h == null) {
                continue;
            }
            if (inEventWindow(i, events, windowAfter)) {
                eventP99 = Double.isNaN(eventP99) ? p99[i] : Math.max(eventP99, p99[i]);
                eventMax = Double.isNaN(eventMax) ? max[i] : Math.max(eventMax, max[i]);
                eventGap = Double.isNaN(eventGap) ? gap[i] : Math.max(eventGap, gap[i]);
            } else if (i >= WARMUP && i < productionSeconds) {
                steady.add(h);
            }
        }
        Double steadyP99 = steady.getTotalCount() == 0 ? null : steady.getValueAtPercentile(99) / 1000.0;
        int[] replicas = s.replicas().clone();
        for (int i = 1; i < replicas.length; i++) {
            if (replicas[i] < 0) {
                replicas[i] = replicas[i - 1];
            }
        }
        return new ScenarioResult(
                scenario,
                error,
                (double) outInWindow / productionSeconds,
                steadyP99,
                events.isEmpty() ? null : nanToNull(eventP99),
                events.isEmpty() ? null : nanToNull(eventMax),
                recorder.maxPartitionGapNanos() / 1e6,
                events.isEmpty() ? null : nanToNull(eventGap),
                recorder.duplicates(),
                recorder.lost(),
                recorder.ackedCount(),
                recorder.processedCount(),
                lagAtEndOfProduction,
                productionElapsedS,
                new ArrayList<>(events),
                perEvent(events, p99, max, gap, windowAfter),
                new PerSecond(s.in(), s.out(), p99, max, replicas, gap),
                WalkFigures.of(s, recorder.gapsByPartition(totalSeconds), events, productionSeconds));
    }

    /**
     * Each event over its own window, cut at the neighbouring events so close events do not share
     * seconds: from max(event - 2 s, previous event) to min(event + windowAfter, next event).
     */
    private static List<EventFigures> perEvent(
            List<Recorder.ScaleEvent> events, double[] p99, double[] max, double[] gap, int windowAfter) {
        List<EventFigures> figures = new ArrayList<>();
        for (int k = 0; k < events.size(); k++) {
            Recorder.ScaleEvent e = events.get(k);
            double from = Math.max(
                    e.atSeconds() - WINDOW_BEFORE, k > 0 ? events.get(k - 1).atSeconds() : 0);
            double to = Math.min(
                    e.atSeconds() + windowAfter,
                    k + 1 < events.size() ? events.get(k + 1).atSeconds() : Double.MAX_VALUE);
            double worstP99 = Double.NaN;
            double worstMax = Double.NaN;
            double worstGap = Double.NaN;
            for (int i = 0; i < p99.length; i++) {
                if (i + 1 > from && i < to && !Double.isNaN(p99[i])) {
                    worstP99 = Double.isNaN(worstP99) ? p99[i] : Math.max(worstP99, p99[i]);
                    worstMax = Double.isNaN(worstMax) ? max[i] : Math.max(worstMax, max[i]);
                    worstGap = Double.isNaN(worstGap) ? gap[i] : Math.max(worstGap, gap[i]);
                }
            }
            figures.add(new EventFigures(
                    e.label(), e.atSeconds(), nanToNull(worstP99), nanToNull(worstMax), nanToNull(worstGap)));
        }
        return figures;
    }

    static boolean inEventWindow(int second, List<Recorder.ScaleEvent> events, int windowAfter) {
        for (Recorder.ScaleEvent e : events) {
            if (second + 1 > e.atSeconds() - WINDOW_BEFORE && second < e.atSeconds() + windowAfter) {
                return true;
            }
        }
        return false;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
