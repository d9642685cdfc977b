package io.shadowscale.demo;

import io.shadowscale.testkit.report.SvgChart;
import java.util.List;
import java.util.Locale;

/**
 * What the day cost in workers, as replica-seconds (one worker running for one second), over the
 * seconds of the day (the drain after it is not counted):
 *
 * <ul>
 *   <li>used: the running workers of both slots, second by second, as the demo ran them;
 *   <li>static: a fleet sized for the peak, {@code ceil(peak / capacity)} workers, all day;
 *   <li>oracle: in each second the fewest workers for that second's asked rate,
 *       {@code ceil(rate / capacity)}, as if resizing were free and instant.
 * </ul>
 *
 * Each sample's workers are counted from the previous sample to it, so a late sample on a loaded
 * machine weighs the time it covered. Without a configured worker capacity (learned by the scaler)
 * the static and oracle fleets are not defined: {@link #comparable()} is false.
 *
 * @param used replica-seconds the demo used
 * @param staticFleet replica-seconds of the static peak fleet
 * @param oracle replica-seconds of the oracle
 * @param staticWorkers the static fleet's size
 * @param seconds the length of the day that was counted, s
 * @param capacity records/s one worker sustains (0: learned, no comparison)
 * @param peak the peak rate asked, records/s
 */
public record CostPanel(
        double used,
        double staticFleet,
        double oracle,
        int staticWorkers,
        double seconds,
        double capacity,
        double peak) {

    /** The panel of {@code seconds}, counting those up to the end of {@code day}. */
    public static CostPanel of(List<Second> seconds, DayCurve day, double capacity) {
        double end = day.length().toMillis() / 1e3;
        int staticWorkers = capacity > 0 ? workersFor(day.peak(), capacity) : 0;
        double used = 0;
        double oracle = 0;
        double previous = 0;
        for (Second s : seconds) {
            double t = Math.min(s.t(), end);
            double dt = t - previous;
            if (dt <= 0) {
                continue;
            }
            used += (s.blue() + s.green()) * dt;
            oracle += capacity > 0 ? workersFor(s.asked(), capacity) * dt : 0;
            previous = t;
        }
        return new CostPanel(
                used,
                capacity > 0 ? staticWorkers * previous : Double.NaN,
                capacity > 0 ? oracle : Double.NaN,
                staticWorkers,
                previous,
                capacity,
                day.peak());
    }

    private static int workersFor(double rate, double capacity) {
        return (int) Math.ceil(rate / capacity - 1e-9);
    }

    /** Whether the static and oracle fleets could be sized (the worker capacity was configured). */
    public boolean comparable() {
        return capacity > 0;
    }

    /** Used over static: below 1, the demo ran fewer workers than a fleet sized for the peak. */
    public double usedToStatic() {
        return used / staticFleet;
    }

    /** Used over oracle: how far above the fewest possible workers the demo ran. */
    public double usedToOracle() {
        return used / oracle;
    }

    /** The panel's table and its sentence, Markdown. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        if (!comparable()) {
            return b.append(String.format(
                            Locale.ROOT,
                            "The demo used %,.0f replica-seconds over the %.0f s of the day. The worker capacity was"
                                    + " learned, not configured: the static and oracle fleets need"
                                    + " `--worker-capacity`.%n",
                            used,
                            seconds))
                    .toString();
        }
        b.append("| fleet | replica-seconds | this run / fleet |\n| --- | --- | --- |\n");
        b.append(String.format(Locale.ROOT, "| this run: both slots, as they ran | %,.0f | 1.00 |%n", used));
        b.append(String.format(
                Locale.ROOT,
                "| static, sized for the peak: ceil(%,.0f / %,.0f) = %d workers all day | %,.0f | %.2f |%n",
                peak,
                capacity,
                staticWorkers,
                staticFleet,
                usedToStatic()));
        b.append(String.format(
                Locale.ROOT,
                "| oracle: each second ceil(asked rate / %,.0f) workers | %,.0f | %.2f |%n%n",
                capacity,
                oracle,
                usedToOracle()));
        b.append(String.format(
                Locale.ROOT,
                "Over the %.0f s of the day (the drain after it not counted) this run used %.2f x the replica-seconds"
                        + " of the static peak fleet and %.2f x those of the oracle.%n",
                seconds,
                usedToStatic(),
                usedToOracle()));
        return b.toString();
    }

    /** The three figures as bars, rounded as in the table. */
    public String barChart() {
        return SvgChart.bars(
                "Replica-seconds of the day",
                "replica-seconds",
                List.of("this run", "static peak fleet", "oracle"),
                new double[] {Math.round(used), Math.round(staticFleet), Math.round(oracle)});
    }
}
