package io.shadowscale.scaler.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walk counters and duration histograms, derived from the pairs' histories: {@link #observe} is
 * given every pair's state (about once a second) and counts the transitions it has not seen yet.
 * Of the history a pair has when first seen, only what came after its last resume is counted (a
 * restart or takeover writes one), so a new leader never counts its predecessor's walks again, and
 * a pair this controller started is counted from its start, however late the first look. A walk ends in one of three
 * results: {@code done}, {@code fallback} (done, but some partitions started from committed offsets: at least once) or
 * {@code rolled_back}.
 */
final class WalkMetrics {
    static final List<String> RESULTS = List.of("done", "fallback", "rolled_back");
    private static final double[] BOUNDS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800};

    private final Counter started;
    private final Counter finished;
    private final Counter fallbackPartitions;
    private final Histogram walkDuration;
    private final Histogram phaseDuration;
    private final Map<String, Transition> lastSeen = new HashMap<>();

    WalkMetrics(PrometheusRegistry registry) {
        started = Instruments.counter(
                registry, "shadowscale_scaler_walks_started_total", "Walks started (STEADY to WARMING).", "pair");
        finished = Instruments.counter(
                registry,
                "shadowscale_scaler_walks_finished_total",
                "Walks finished, by result: done, fallback (at least once for some partitions), rolled_back.",
                "pair",
                "result");
        fallbackPartitions = Instruments.counter(
                registry,
                "shadowscale_scaler_fallback_partitions_total",
                "Partitions whose handoff fell back to the committed offsets (at least once).",
                "pair");
        walkDuration = Instruments.histogram(
                registry,
                BOUNDS,
                "shadowscale_scaler_walk_duration_seconds",
                "Time from a walk's start to its return to STEADY, by result.",
                "pair",
                "result");
        phaseDuration = Instruments.histogram(
                registry,
                BOUNDS,
                "shadowscale_scaler_phase_duration_seconds",
                "Time a pair spent in a phase, counted when it left it.",
                "pair",
                "phase");
    }

    synchronized void observe(List<PairState> states) {
        for (PairState s : states) {
            String pair = s.pair().toString();
            List<Transition> history = s.history();
            if (history.isEmpty()) {
                continue;
            }
            Transition seen = lastSeen.put(pair, history.get(history.size() - 1));
            int from;
            if (seen == null) {
                started.labelValues(pair);
                fallbackPartitions.labelValues(pair);
                RESULTS.forEach(r -> finished.labelValues(pair, r));
                from = sinceResumed(history);
            } else {
                from = history.lastIndexOf(seen) + 1; // 0 when older than the kept history: count all kept
            }
            for (int i = from; i < history.size(); i++) {
                count(s, history, i);
            }
        }
    }

    /**
     * Where this controller's own transitions start in a history seen for the first time: after
     * the last resume (a restart or takeover writes one), or from the start for a pair this
     * controller started itself (first seen a moment after its first transitions).
     */
    private static int sinceResumed(List<Transition> history) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).reason().startsWith("resumed by a new controller")) {
                return i + 1;
            }
        }
        return 0;
    }

    private void count(PairState s, List<Transition> history, int i) {
        Transition t = history.get(i);
        if (t.from() == t.to()) {
            return; // a step inside a phase
        }
        String pair = s.pair().toString();
        Instant entered = history.get(0).at();
        for (int j = i - 1; j >= 0; j--) {
            if (history.get(j).from() != history.get(j).to()) {
                entered = history.get(j).at();
                break;
            }
        }
        phaseDuration.labelValues(pair, t.from().name()).observe(seconds(entered, t.at()));
        if (t.to() == PairPhase.WARMING) {
            started.labelValues(pair).inc();
        } else if (t.to() == PairPhase.STEADY && t.from() != PairPhase.STARTING) {
            String result = t.from() == PairPhase.ROLLING_BACK
                    ? "rolled_back"
                    : s.fallbackPartitions().isEmpty() ? "done" : "fallback";
            finished.labelValues(pair, result).inc();
            if (result.equals("fallback")) {
                fallbackPartitions.labelValues(pair).inc(s.fallbackPartitions().size());
            }
            if (s.walkStartedAt() != null) {
                walkDuration.labelValues(pair, result).observe(seconds(s.walkStartedAt(), t.at()));
            }
        }
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e9);
    }
}
