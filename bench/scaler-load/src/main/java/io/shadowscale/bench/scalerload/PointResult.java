package io.shadowscale.bench.scalerload;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one point of the sweep measured. Rates are per second of the measured window (every pair
 * STEADY); the startup (registration until STEADY) is reported apart.
 *
 * @param pairs pairs served
 * @param partitions partitions per topic
 * @param scaledObjects ScaledObjects polled (2 per pair)
 * @param topics distinct topics
 * @param totalPartitions distinct partitions on the broker for the pairs
 * @param startup times of the startup steps, ms, and whether every pair reached STEADY
 * @param windowSeconds length of the measured window
 * @param rpc latency (ms) and rate per RPC over the window
 * @param errors errors by "rpc STATUS" over the window
 * @param startupErrors errors by "rpc STATUS" before the window
 * @param streams open StreamIsActive streams at the end and pushes received in the window
 * @param admin Admin calls and items per second over the window, by method, and per pair
 * @param adminStartup Admin calls during the startup, by method
 * @param controller the controller thread: busy fraction, task duration percentiles (ms)
 * @param heap heap used after GC: before the scaler, with it, the difference and per pair
 * @param cpu process CPU (fraction of all cores) and CPU seconds per second by thread group
 * @param commandsSeen control commands the fleet saw, by kind
 * @param loadAverage the machine's 1-minute load average at the start and end of the window
 */
public record PointResult(
        int pairs,
        int partitions,
        int scaledObjects,
        int topics,
        int totalPartitions,
        Map<String, Object> startup,
        double windowSeconds,
        Map<String, Map<String, Double>> rpc,
        Map<String, Long> errors,
        Map<String, Long> startupErrors,
        Map<String, Long> streams,
        Map<String, Object> admin,
        Map<String, Long> adminStartup,
        Map<String, Double> controller,
        Map<String, Double> heap,
        Map<String, Object> cpu,
        Map<String, Long> commandsSeen,
        Map<String, Double> loadAverage) {

    /** count, per_s, p50_ms, p99_ms, max_ms of a microsecond histogram over {@code seconds}. */
    static Map<String, Double> latency(Histogram h, double seconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("count", (double) h.getTotalCount());
        m.put("per_s", seconds > 0 ? h.getTotalCount() / seconds : 0);
        m.put("p50_ms", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(50) / 1000.0);
        m.put("p99_ms", h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(99) / 1000.0);
        m.put("max_ms", h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
        return m;
    }

    /** The p99 of one RPC in ms, 0 when it was not called. */
    public double p99(String rpcName) {
        Map<String, Double> r = rpc.get(rpcName);
        return r == null ? 0 : r.get("p99_ms");
    }

    /** Admin calls per second over the window. */
    public double adminCallsPerSecond() {
        return ((Number) admin.get("calls_per_s")).doubleValue();
    }
}
