package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --history-days}, the built-in week and multi-day CSV traces. */
class HistoryDaysTest {
    private static final int DAY = DiurnalTraces.DAY_SECONDS;

    @Test
    void aBuiltInDayIsMeasuredAfterDaysDrawnWithEarlierSeeds() {
        Trace t = SimulateCommand.traces("weekday", 120_000, 42, 2).get(0);

        assertThat(t.seconds()).isEqualTo(3 * DAY);
        assertThat(t.historySeconds()).isEqualTo(2 * DAY);
        assertThat(t.measured().rates())
                .isEqualTo(DiurnalTraces.weekday(120_000, 42).rates());
        assertThat(Arrays.copyOfRange(t.rates(), 0, DAY))
                .isEqualTo(DiurnalTraces.weekday(120_000, 40).rates());
        assertThat(Arrays.copyOfRange(t.rates(), DAY, 2 * DAY))
                .isEqualTo(DiurnalTraces.weekday(120_000, 41).rates());
    }

    @Test
    void theWeekIsFiveWeekdaysAndAWeekendAndItsHistoryCountsBackFromMonday() {
        Trace week = DiurnalTraces.week(120_000, 42);
        assertThat(week.seconds()).isEqualTo(7 * DAY);
        assertThat(Arrays.copyOfRange(week.rates(), 0, DAY))
                .isEqualTo(DiurnalTraces.weekday(120_000, 42).rates());
        assertThat(Arrays.copyOfRange(week.rates(), 5 * DAY, 6 * DAY))
                .isEqualTo(DiurnalTraces.weekend(120_000, 47).rates());

        Trace after = SimulateCommand.traces("week", 120_000, 42, 1).get(0);
        // the day before Monday is a Sunday
        assertThat(Arrays.copyOfRange(after.rates(), 0, DAY))
                .isEqualTo(DiurnalTraces.weekend(120_000, 41).rates());
        assertThat(after.measured().rates()).isEqualTo(week.rates());
    }

    @Test
    void aCsvLongerThanTheHistoryHasItsFirstDaysAsHistory(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("two-days.csv");
        Files.writeString(csv, "time_seconds,msgs_per_s\n0,1000\n86399,1000\n86400,5000\n172800,5000\n");

        Trace t = SimulateCommand.traces(csv.toString(), 120_000, 42, 1).get(0);

        assertThat(t.seconds()).isEqualTo(2 * DAY);
        assertThat(t.historySeconds()).isEqualTo(DAY);
        assertThat(t.rate(0)).isEqualTo(1000);
        assertThat(t.measured().rate(0)).isEqualTo(5000);
    }

    @Test
    void aCsvNoLongerThanTheHistoryIsRepeatedBeforeItself() {
        Trace day = CsvTrace.sample("batch-bursts");
        Trace t = SimulateCommand.traces("batch-bursts", 120_000, 42, 2).get(0);

        assertThat(t.historySeconds()).isEqualTo(2 * DAY);
        assertThat(Arrays.copyOfRange(t.rates(), 0, DAY)).isEqualTo(day.rates());
        assertThat(Arrays.copyOfRange(t.rates(), DAY, 2 * DAY)).isEqualTo(day.rates());
        assertThat(t.measured().rates()).isEqualTo(day.rates());
    }

    @Test
    void theBurstyWeekSampleHoldsSevenDays() {
        assertThat(CsvTrace.sample("bursty-week").seconds()).isEqualTo(7 * DAY);
        assertThat(CsvTrace.sample("bursty-day").seconds()).isEqualTo(DAY);
        assertThat(Arrays.copyOfRange(CsvTrace.sample("bursty-week").rates(), 0, DAY))
                .isEqualTo(CsvTrace.sample("bursty-day").rates());
    }

    @Test
    void rejectsAHistoryOutsideItsRange() {
        assertThatThrownBy(() -> SimulateCommand.traces("weekday", 120_000, 42, 29))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--history-days must be within [0, 28], was 29");
    }

    @Test
    void aRunCountsOnlyTheMeasuredSeconds() {
        SimConfig config = SimConfig.DEFAULTS;
        double[] history = new double[600];
        Arrays.fill(history, 100_000);
        double[] measured = new double[300];
        Arrays.fill(measured, 10_000);
        Trace trace = new Trace("after", measured).afterHistory(history);
        Simulator simulator = new Simulator(config);
        // static sizing follows the measured part's peak: 10k/s with 20 % headroom = 1 worker
        assertThat(simulator.staticPeakWorkers(trace)).isEqualTo(1);

        Simulator.Run run = simulator.run(trace, new FixedStrategy("fixed", 1, 12, config.workerCapacity()), h -> {});

        assertThat(run.billed()).hasSize(300).containsOnly(1);
        // 600 s of 100k/s on one 12k/s worker left a backlog that the measured part still carries
        assertThat(run.backlog()[0]).isGreaterThan(0);
        assertThat(Outcome.of(
                                trace.measured(),
                                List.of(
                                        run,
                                        new Simulator.Run("static-peak", run.billed(), run.backlog(), 0, 0, List.of()),
                                        new Simulator.Run("oracle", run.billed(), run.backlog(), 0, 0, List.of()),
                                        new Simulator.Run("shadowscale", run.billed(), run.backlog(), 0, 0, List.of())),
                                30)
                        .hours())
                .isEqualTo(300 / 3600.0);
    }

    /** 20k/s with a 100k/s batch from 10:00 to 10:15 (30 s edges), the same every day. */
    private static double[] batchDay() {
        double[] rates = new double[DAY];
        for (int t = 0; t < DAY; t++) {
            double up = Math.min(1, Math.max(0, (t - 36_000) / 30.0));
            double down = Math.min(1, Math.max(0, (36_900 - t) / 30.0));
            rates[t] = 20_000 + 80_000 * Math.min(up, down);
        }
        return rates;
    }

    private static Simulator.Run shadowscale(SimConfig config, Trace trace) {
        Simulator simulator = new Simulator(config);
        return simulator.run(trace, simulator.strategies(trace).get(0), h -> {});
    }

    @Test
    void aDayOfHistoryLetsTheForecastWalkBeforeTheBatchArrives() {
        Trace trace = new Trace("batch", batchDay()).afterHistory(batchDay());
        SimConfig on = SimConfig.DEFAULTS;
        SimConfig off = new SimConfig(
                on.workerCapacity(),
                false,
                on.partitions(),
                on.minReplicas(),
                on.headroom(),
                on.lagTargetSeconds(),
                on.scaleUpDelaySeconds(),
                on.scaleDownDelaySeconds(),
                on.decideEverySeconds(),
                on.warmupSeconds(),
                on.walk(),
                on.commitIntervalSeconds(),
                on.kedaLagThreshold(),
                on.kedaTunedLagThreshold(),
                on.rebalanceStallSeconds(),
                on.hpaSyncSeconds(),
                on.hpaMaxReplicas(),
                on.seed(),
                false);

        Simulator.Run forecast = shadowscale(on, trace);
        Simulator.Run reactive = shadowscale(off, trace);

        // the walk to 12 starts within the 60 s lead before 10:00 of the measured day, so 12 run from 10:00
        assertThat(forecast.decisions())
                .anySatisfy(d -> assertThat(d).matches("1223[4-9]\\ds grow \\d+->12 ahead of the forecast: .*"));
        assertThat(forecast.billed()[36_000]).isGreaterThanOrEqualTo(12);
        assertThat(reactive.decisions()).noneSatisfy(d -> assertThat(d).contains("forecast"));
        // only the cutover gaps (0.13 s of input at most 100k/s) leave a backlog
        assertThat(max(forecast.backlog())).isLessThan(13_000);
        assertThat(max(reactive.backlog())).isGreaterThan(100_000);
        // after the batch, the quiet hours ahead pay for the shrink at once: fewer replica-hours than waiting
        assertThat(sum(forecast.billed())).isLessThan(sum(reactive.billed()));
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static long sum(int[] values) {
        return Arrays.stream(values).asLongStream().sum();
    }
}
