package io.shadowscale.bench.scalerload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies (HdrHistogram, microseconds) and errors by status of each RPC the KEDA stand-in makes,
 * plus how late each poll started against its schedule (a saturated caller pool shows there, not in
 * the RPC latency). Recording is lock-free; {@link #roll()} moves what was recorded since the last
 * roll into the current window, and {@link #newWindow()} starts a fresh one (the startup is kept
 * apart from the measured steady window).
 */
final class RpcStats {
    static final String GET_METRIC_SPEC = "GetMetricSpec";
    static final String GET_METRICS = "GetMetrics";
    static final String IS_ACTIVE = "IsActive";
    static final String LATENESS = "poll start lateness";
    static final List<String> NAMES = List.of(GET_METRIC_SPEC, GET_METRICS, IS_ACTIVE, LATENESS);

    private final Map<String, Recorder> recorders = new LinkedHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder pushes = new LongAdder();
    private Map<String, Histogram> window = new LinkedHashMap<>();
    private Map<String, Long> errorsAtWindowStart = Map.of();
    private long pushesAtWindowStart;

    RpcStats() {
        for (String name : NAMES) {
            recorders.put(name, new Recorder(3));
        }
        newWindow();
    }

    void record(String rpc, long nanos) {
        recorders.get(rpc).recordValue(Math.max(0, nanos / 1_000));
    }

    void error(String rpc, String status) {
        errors.computeIfAbsent(rpc + " " + status, k -> new LongAdder()).increment();
    }

    void pushed() {
        pushes.increment();
    }

    /** Moves what was recorded since the last roll into the window; returns that interval per name. */
    synchronized Map<String, Histogram> roll() {
        Map<String, Histogram> interval = new LinkedHashMap<>();
        recorders.forEach((name, r) -> {
            Histogram h = r.getIntervalHistogram();
            interval.put(name, h);
            window.get(name).add(h);
        });
        return interval;
    }

    /** Rolls, then starts an empty window. */
    synchronized Map<String, Histogram> newWindow() {
        Map<String, Histogram> closing = window;
        if (!closing.isEmpty()) {
            roll();
        }
        window = new LinkedHashMap<>();
        for (String name : NAMES) {
            window.put(name, new Histogram(3));
        }
        errorsAtWindowStart = errorCounts();
        pushesAtWindowStart = pushes.sum();
        return closing;
    }

    /** The current window's histograms (rolled first). */
    synchronized Map<String, Histogram> window() {
        roll();
        Map<String, Histogram> copy = new LinkedHashMap<>();
        window.forEach((k, v) -> copy.put(k, v.copy()));
        return copy;
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> all = new TreeMap<>();
        errors.forEach((k, v) -> all.put(k, v.sum()));
        return all;
    }

    /** Errors by "rpc STATUS" since the window started. */
    synchronized Map<String, Long> windowErrors() {
        Map<String, Long> now = errorCounts();
        Map<String, Long> delta = new TreeMap<>();
        now.forEach((k, v) -> {
            long d = v - errorsAtWindowStart.getOrDefault(k, 0L);
            if (d > 0) {
                delta.put(k, d);
            }
        });
        return delta;
    }

    synchronized long windowPushes() {
        return pushes.sum() - pushesAtWindowStart;
    }

    long totalErrors() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }
}
