package io.shadowscale.bench.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The figures of one trace: per strategy, and the targets Shadowscale is held to.
 *
 * @param trace the trace's name
 * @param hours simulated hours
 * @param peak the busiest second's input rate
 * @param offPeakHours hours whose input was below half the peak
 * @param strategies figures per strategy, in report order
 * @param targets each target, met or not, in one line
 * @param notes context for reading the figures
 */
public record Outcome(
        String trace,
        double hours,
        double peak,
        double offPeakHours,
        List<Figures> strategies,
        List<Target> targets,
        List<String> notes) {

    /**
     * The longest processing gap a cutover may cost and still count as one control round-trip, not
     * a rebalance: the longest measured per-partition handoff gap was 0.146 s, the shortest
     * measured rebalance stall (500 ms heartbeats) 0.1-0.6 s, with broker defaults 2.5-3 s.
     */
    public static final double CUTOVER_GAP_LIMIT_SECONDS = 0.25;

    /** One strategy's figures over the trace. */
    public record Figures(
            String name,
            double replicaHours,
            double offPeakReplicaHours,
            double savingPercent,
            double offPeakSavingPercent,
            double oracleRatio,
            double maxLagRecords,
            double p99LagRecords,
            double maxLagSeconds,
            double p99LagSeconds,
            double minutesOverLagTarget,
            int scaleEvents,
            double stallSeconds) {}

    public record Target(String what, boolean met, String detail) {}

    public Figures figures(String name) {
        return strategies.stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no strategy " + name));
    }

    /** Summarizes runs; the list must hold "static-peak", "oracle" and "shadowscale". */
    public static Outcome of(Trace trace, List<Simulator.Run> runs, int lagTargetSeconds) {
        double peak = trace.peak();
        boolean[] offPeak = new boolean[trace.seconds()];
        int offPeakSeconds = 0;
        for (int t = 0; t < offPeak.length; t++) {
            offPeak[t] = trace.rate(t) < peak / 2;
            offPeakSeconds += offPeak[t] ? 1 : 0;
        }
        List<double[]> hours = new ArrayList<>();
        for (Simulator.Run run : runs) {
            double all = 0;
            double off = 0;
            for (int t = 0; t < run.billed().length; t++) {
                all += run.billed()[t];
                off += offPeak[t] ? run.billed()[t] : 0;
            }
            hours.add(new double[] {all / 3600, off / 3600});
        }
        double[] statik = hours.get(indexOf(runs, "static-peak"));
        double[] oracle = hours.get(indexOf(runs, "oracle"));
        List<Figures> figures = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Simulator.Run run = runs.get(i);
            double[] lagSeconds = ageSeconds(trace, run.backlog());
            int over = 0;
            for (double age : lagSeconds) {
                over += age > lagTargetSeconds ? 1 : 0;
            }
            figures.add(new Figures(
                    run.name(),
                    hours.get(i)[0],
                    hours.get(i)[1],
                    saving(hours.get(i)[0], statik[0]),
                    saving(hours.get(i)[1], statik[1]),
                    hours.get(i)[0] / oracle[0],
                    max(run.backlog()),
                    p99(run.backlog()),
                    max(lagSeconds),
                    p99(lagSeconds),
                    over / 60.0,
                    run.scaleEvents(),
                    run.stallSeconds()));
        }
        List<String> notes = new ArrayList<>();
        Figures s = figures.stream()
                .filter(f -> f.name().equals("shadowscale"))
                .findFirst()
                .orElseThrow();
        figures.stream()
                .filter(f -> f.name().equals("oracle+headroom"))
                .findFirst()
                .ifPresent(f -> notes.add(String.format(
                        "the oracle with the same headroom costs %.3f x the oracle; shadowscale costs %.3f x that",
                        f.oracleRatio(), s.replicaHours() / f.replicaHours())));
        return new Outcome(
                trace.name(),
                trace.seconds() / 3600.0,
                peak,
                offPeakSeconds / 3600.0,
                figures,
                targets(figures, offPeakSeconds, trace.seconds()),
                notes);
    }

    /** Most replica-hours Shadowscale may pay, as a multiple of the oracle with the same headroom. */
    public static final double ORACLE_HEADROOM_LIMIT = 1.15;
    /** Most walks per this many seconds, on average over the trace. */
    public static final int SECONDS_PER_WALK = 600;

    private static List<Target> targets(List<Figures> figures, int offPeakSeconds, int seconds) {
        Figures s = figures.stream()
                .filter(f -> f.name().equals("shadowscale"))
                .findFirst()
                .orElseThrow();
        List<Target> targets = new ArrayList<>();
        targets.add(
                offPeakSeconds == 0
                        ? new Target(
                                "off-peak: >= 50% fewer replica-hours than static peak",
                                false, "no off-peak hours in this trace")
                        : new Target(
                                "off-peak: >= 50% fewer replica-hours than static peak",
                                s.offPeakSavingPercent() >= 50,
                                String.format("%.1f%% fewer", s.offPeakSavingPercent())));
        figures.stream()
                .filter(f -> f.name().equals("oracle+headroom"))
                .findFirst()
                .ifPresent(h -> targets.add(new Target(
                        "at most " + ORACLE_HEADROOM_LIMIT + " x the oracle+headroom's replica-hours",
                        s.replicaHours() <= ORACLE_HEADROOM_LIMIT * h.replicaHours(),
                        String.format(
                                "%.3f x oracle+headroom (%.3f x oracle)",
                                s.replicaHours() / h.replicaHours(), s.oracleRatio()))));
        targets.add(new Target(
                "lag target never exceeded",
                s.minutesOverLagTarget() == 0,
                String.format("%.1f min over, max lag %.1f s", s.minutesOverLagTarget(), s.maxLagSeconds())));
        double allowedWalks = (double) seconds / SECONDS_PER_WALK;
        targets.add(new Target(
                "at most one walk per " + SECONDS_PER_WALK / 60 + " minutes on average",
                s.scaleEvents() <= allowedWalks,
                String.format(
                        "%d walks, %.1f per day (at most %.0f)",
                        s.scaleEvents(), s.scaleEvents() * 86_400.0 / seconds, allowedWalks)));
        for (Figures k : figures) {
            if (k.name().startsWith("keda")) {
                boolean fewerHours = s.replicaHours() < k.replicaHours();
                boolean noMinutes = s.minutesOverLagTarget() == 0 && k.minutesOverLagTarget() > 0;
                targets.add(new Target(
                        "vs " + k.name() + ": fewer replica-hours, or no lag-target minutes where it has some",
                        fewerHours || noMinutes,
                        String.format(
                                "%.1f vs %.1f replica-h, %.1f vs %.1f min over",
                                s.replicaHours(),
                                k.replicaHours(),
                                s.minutesOverLagTarget(),
                                k.minutesOverLagTarget())));
            }
        }
        boolean cutoverGapsOnly = s.scaleEvents() == 0
                ? s.stallSeconds() == 0
                : s.stallSeconds() / s.scaleEvents() <= CUTOVER_GAP_LIMIT_SECONDS;
        targets.add(new Target(
                "no rebalance stalls (only cutover gaps of at most " + CUTOVER_GAP_LIMIT_SECONDS + " s each)",
                cutoverGapsOnly,
                String.format("%d cutovers lost %.2f s of processing in all", s.scaleEvents(), s.stallSeconds())));
        return targets;
    }

    /**
     * Lag in seconds: at the end of each second, how long the oldest unprocessed record has waited
     * (records are processed in arrival order; within a second they arrive evenly).
     */
    static double[] ageSeconds(Trace trace, double[] backlog) {
        int n = trace.seconds();
        double[] ages = new double[n];
        double[] arrived = new double[n];
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += trace.rate(t);
            arrived[t] = sum;
        }
        int oldest = 0;
        for (int t = 0; t < n; t++) {
            if (backlog[t] <= 0) {
                continue;
            }
            double processed = arrived[t] - backlog[t];
            while (oldest < t && arrived[oldest] <= processed) {
                oldest++;
            }
            double before = oldest == 0 ? 0 : arrived[oldest - 1];
            double rate = trace.rate(oldest);
            double within = rate > 0 ? Math.min(1, Math.max(0, (processed - before) / rate)) : 0;
            ages[t] = t + 1 - (oldest + within);
        }
        return ages;
    }

    private static int indexOf(List<Simulator.Run> runs, String name) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no run named " + name);
    }

    private static double saving(double value, double reference) {
        return reference == 0 ? 0 : (1 - value / reference) * 100;
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    /** The nearest-rank 99th percentile. */
    static double p99(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(0.99 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
