package io.shadowscale.testkit.fleet;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker environment shared by every member of a pair's fleet (everything but pair, slot
 * and worker id, which {@link SlotFleet} sets).
 */
public final class WorkerTemplate {
    private WorkerTemplate() {}

    /**
     * Bootstrap servers, input topics, control topic, processor class name, plus short timings for
     * tests and the local demo: 20 ms polls, status every {@code statusInterval}, readiness checks
     * every 200 ms, commits every second, 10 s shutdown bound.
     */
    public static Map<String, String> of(
            String bootstrapServers,
            List<String> topics,
            String controlTopic,
            String processorClass,
            Duration statusInterval) {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("SHADOWSCALE_TOPICS", String.join(",", topics));
        env.put("SHADOWSCALE_CONTROL_TOPIC", controlTopic);
        env.put("SHADOWSCALE_PROCESSOR", processorClass);
        env.put("SHADOWSCALE_POLL_TIMEOUT_MS", "20");
        env.put("SHADOWSCALE_STATUS_INTERVAL_MS", Long.toString(statusInterval.toMillis()));
        env.put("SHADOWSCALE_READY_CHECK_INTERVAL_MS", "200");
        env.put("SHADOWSCALE_COMMIT_INTERVAL_MS", "1000");
        env.put("SHADOWSCALE_SHUTDOWN_TIMEOUT_MS", "10000");
        env.put("SHADOWSCALE_HTTP_PORT", "0");
        return Map.copyOf(env);
    }

    /** {@code template} with {@code extra} added or replacing keys. */
    public static Map<String, String> with(Map<String, String> template, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(template);
        env.putAll(extra);
        return Map.copyOf(env);
    }
}
