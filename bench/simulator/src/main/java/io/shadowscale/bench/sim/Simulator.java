package io.shadowscale.bench.sim;

import io.shadowscale.scaler.model.policy.PartitionBalance;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Steps strategies through a trace on a virtual clock, one second at a time. Records arrive at the
 * trace's rate; the strategy's workers process up to their capacity; the rest is backlog, carried
 * to the next second. Nothing here reads a clock or draws a random number.
 */
public final class Simulator {
    private final SimConfig config;

    public Simulator(SimConfig config) {
        this.config = config;
    }

    /** What one strategy did, second by second. */
    public record Run(
            String name,
            int[] billed,
            double[] backlog,
            double stallSeconds,
            int scaleEvents,
            List<String> decisions) {}

    /**
     * The strategies compared for a trace, in report order: Shadowscale, KEDA runs, static, the oracle with headroom,
     * the oracle.
     */
    public List<Strategy> strategies(Trace trace) {
        int staticWorkers = staticPeakWorkers(trace);
        List<Strategy> list = new ArrayList<>();
        list.add(new ShadowscaleStrategy(new ThroughputPolicy(), config, staticWorkers));
        list.add(keda("keda-lag" + config.kedaLagThreshold(), config.kedaLagThreshold(), staticWorkers));
        if (config.kedaTunedLagThreshold() > 0 && config.kedaTunedLagThreshold() != config.kedaLagThreshold()) {
            list.add(keda("keda-lag" + config.kedaTunedLagThreshold(), config.kedaTunedLagThreshold(), staticWorkers));
        }
        list.add(new FixedStrategy("static-peak", staticWorkers, config.partitions(), config.workerCapacity()));
        list.add(new OracleStrategy(
                "oracle+headroom",
                config.headroom(),
                config.minReplicas(),
                config.partitions(),
                config.workerCapacity()));
        list.add(new OracleStrategy(config.minReplicas(), config.partitions(), config.workerCapacity()));
        return list;
    }

    /** Enough workers for the measured part's busiest second with the headroom, capped at the partitions. */
    public int staticPeakWorkers(Trace trace) {
        return PartitionBalance.fewestWorkersFor(
                trace.measured().peak() * (1 + config.headroom()) / config.workerCapacity(),
                config.minReplicas(),
                config.partitions());
    }

    private Strategy keda(String name, long threshold, int initial) {
        HpaModel hpa = new HpaModel(config.minReplicas(), config.hpaMaxReplicas(), HpaModel.Behavior.DEFAULTS);
        return new KedaStrategy(
                name,
                hpa,
                threshold,
                initial,
                config.partitions(),
                config.workerCapacity(),
                config.warmupSeconds(),
                config.rebalanceStallSeconds(),
                config.hpaSyncSeconds());
    }

    /**
     * Runs one strategy over the trace; {@code hourDone} hears each completed simulated hour. Every
     * strategy starts at the static peak size with no backlog, at the start of the trace's history.
     * The run holds the measured seconds only (after the history): their billing, backlog, stall,
     * size changes and decisions.
     */
    public Run run(Trace trace, Strategy strategy, IntConsumer hourDone) {
        int seconds = trace.seconds();
        int from = trace.historySeconds();
        int[] billed = new int[seconds];
        double[] backlogs = new double[seconds];
        double backlog = 0;
        double stall = 0;
        int eventsBefore = 0;
        int decisionsBefore = 0;
        double commitLagSeconds = config.commitIntervalSeconds() / 2;
        for (int t = 0; t < seconds; t++) {
            if (t == from && from > 0) {
                eventsBefore = strategy.scaleEvents();
                decisionsBefore = strategy instanceof ShadowscaleStrategy s
                        ? s.decisions().size()
                        : 0;
            }
            double input = trace.rate(t);
            Strategy.Tick tick = strategy.tick(t, input, backlog);
            double processed = Math.min(backlog + input, tick.capacity());
            backlog = backlog + input - processed;
            if (backlog < 1e-6) {
                backlog = 0;
            }
            billed[t] = tick.billedWorkers();
            backlogs[t] = backlog;
            stall += t >= from ? tick.stallSeconds() : 0;
            strategy.observe(t, input, processed, backlog + processed * commitLagSeconds);
            if ((t + 1) % 3600 == 0) {
                hourDone.accept((t + 1) / 3600);
            }
        }
        List<String> decisions = strategy instanceof ShadowscaleStrategy s ? s.decisions() : List.of();
        return new Run(
                strategy.name(),
                Arrays.copyOfRange(billed, from, seconds),
                Arrays.copyOfRange(backlogs, from, seconds),
                stall,
                strategy.scaleEvents() - eventsBefore,
                decisions.subList(decisionsBefore, decisions.size()));
    }
}
