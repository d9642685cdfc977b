package io.shadowscale.bench.load.cutover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The timings of the {@code cutover} scenario's controller and workers. The broker is the
 * harness's (Kafka defaults, so KIP-848 heartbeats every 5 s: they set the warm-up time, not the
 * handoff gap). Every field can be changed with a system property {@code cutover.<name>} (e.g.
 * {@code -Dcutover.pollTimeoutMs=5}) to find where the handoff time goes without a rebuild, and
 * {@code cutover.kafka.<property>} passes a Kafka client property to every worker client (e.g.
 * {@code -Dcutover.kafka.fetch.max.wait.ms=50}).
 *
 * @param controllerTick how often the controller looks at the pair and repeats the current command
 * @param followerPoll how often the in-process fleet polls the slot targets (changes are also pushed)
 * @param pollTimeoutMs the workers' longest consumer poll ({@code SHADOWSCALE_POLL_TIMEOUT_MS})
 * @param statusIntervalMs worker status heartbeat period
 * @param readyCheckIntervalMs how often a SHADOW worker checks its group's stability
 * @param commitIntervalMs asynchronous commit period of an ACTIVE worker
 * @param maxPollRecords Kafka {@code max.poll.records} of the workers
 * @param shutdownTimeoutMs bound of a worker's graceful stop
 * @param walkTimeout how long {@code scale} and {@code stop} wait for a walk in progress to finish
 * @param workerKafka extra Kafka client properties for every worker client
 */
public record CutoverSettings(
        Duration controllerTick,
        Duration followerPoll,
        int pollTimeoutMs,
        int statusIntervalMs,
        int readyCheckIntervalMs,
        int commitIntervalMs,
        int maxPollRecords,
        int shutdownTimeoutMs,
        Duration walkTimeout,
        Map<String, String> workerKafka) {
    static final String PREFIX = "cutover.";
    static final String KAFKA_PREFIX = "cutover.kafka.";

    public CutoverSettings {
        workerKafka = Map.copyOf(workerKafka);
        if (controllerTick.isNegative()
                || controllerTick.isZero()
                || followerPoll.isNegative()
                || followerPoll.isZero()
                || walkTimeout.isNegative()
                || walkTimeout.isZero()) {
            throw new IllegalArgumentException("cutover durations must be > 0");
        }
    }

    /** Tick 100 ms, fleet poll 500 ms, worker poll 20 ms, status 1 s, ready check 200 ms, commit 1 s. */
    public static CutoverSettings defaults() {
        return new CutoverSettings(
                Duration.ofMillis(100),
                Duration.ofMillis(500),
                20,
                1000,
                200,
                1000,
                500,
                10_000,
                Duration.ofSeconds(120),
                Map.of());
    }

    /** The defaults with every {@code cutover.*} property of {@code props} applied; unknown names fail. */
    public static CutoverSettings from(Properties props) {
        CutoverSettings d = defaults();
        Map<String, String> own = new TreeMap<>();
        Map<String, String> kafka = new HashMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.put(
                        key.substring(KAFKA_PREFIX.length()),
                        props.getProperty(key).trim());
            } else if (key.startsWith(PREFIX)) {
                own.put(key.substring(PREFIX.length()), props.getProperty(key).trim());
            }
        }
        List<String> problems = new ArrayList<>();
        CutoverSettings s = new CutoverSettings(
                Duration.ofMillis(number(own, "controllerTickMs", d.controllerTick.toMillis(), 1, 10_000, problems)),
                Duration.ofMillis(number(own, "followerPollMs", d.followerPoll.toMillis(), 1, 60_000, problems)),
                (int) number(own, "pollTimeoutMs", d.pollTimeoutMs, 1, 1_000, problems),
                (int) number(own, "statusIntervalMs", d.statusIntervalMs, 50, 60_000, problems),
                (int) number(own, "readyCheckIntervalMs", d.readyCheckIntervalMs, 50, 60_000, problems),
                (int) number(own, "commitIntervalMs", d.commitIntervalMs, 10, 60_000, problems),
                (int) number(own, "maxPollRecords", d.maxPollRecords, 1, 100_000, problems),
                (int) number(own, "shutdownTimeoutMs", d.shutdownTimeoutMs, 100, 600_000, problems),
                Duration.ofSeconds(number(own, "walkTimeoutS", d.walkTimeout.toSeconds(), 1, 3_600, problems)),
                kafka);
        if (!own.isEmpty()) {
            problems.add("unknown cutover properties " + own.keySet() + "; known: controllerTickMs, followerPollMs, "
                    + "pollTimeoutMs, statusIntervalMs, readyCheckIntervalMs, commitIntervalMs, maxPollRecords, "
                    + "shutdownTimeoutMs, walkTimeoutS, kafka.<property>");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return s;
    }

    /**
     * These settings with {@code defaults} added to the worker clients' Kafka properties where no
     * {@code cutover.kafka.*} property names them (the run's consumer options, shared with the baselines).
     */
    public CutoverSettings withWorkerKafkaDefaults(Map<String, Object> defaults) {
        Map<String, String> merged = new HashMap<>();
        defaults.forEach((k, v) -> merged.put(k, String.valueOf(v)));
        merged.putAll(workerKafka);
        return new CutoverSettings(
                controllerTick,
                followerPoll,
                pollTimeoutMs,
                statusIntervalMs,
                readyCheckIntervalMs,
                commitIntervalMs,
                maxPollRecords,
                shutdownTimeoutMs,
                walkTimeout,
                merged);
    }

    /** The worker environment keys these settings set ({@code SHADOWSCALE_*}). */
    public Map<String, String> workerEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_POLL_TIMEOUT_MS", Integer.toString(pollTimeoutMs));
        env.put("SHADOWSCALE_STATUS_INTERVAL_MS", Integer.toString(statusIntervalMs));
        env.put("SHADOWSCALE_READY_CHECK_INTERVAL_MS", Integer.toString(readyCheckIntervalMs));
        env.put("SHADOWSCALE_COMMIT_INTERVAL_MS", Integer.toString(commitIntervalMs));
        env.put("SHADOWSCALE_MAX_POLL_RECORDS", Integer.toString(maxPollRecords));
        env.put("SHADOWSCALE_SHUTDOWN_TIMEOUT_MS", Integer.toString(shutdownTimeoutMs));
        workerKafka.forEach((k, v) ->
                env.put("SHADOWSCALE_KAFKA_" + k.toUpperCase(Locale.ROOT).replace('.', '_'), v));
        return env;
    }

    /** One line for the run's output. */
    public String describe() {
        return "controller tick " + controllerTick.toMillis() + " ms, worker poll " + pollTimeoutMs + " ms, status "
                + statusIntervalMs + " ms, ready check " + readyCheckIntervalMs + " ms, commit " + commitIntervalMs
                + " ms, max.poll.records " + maxPollRecords
                + (workerKafka.isEmpty() ? "" : ", worker kafka " + new TreeMap<>(workerKafka));
    }

    private static long number(
            Map<String, String> own, String name, long fallback, long min, long max, List<String> problems) {
        String raw = own.remove(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw);
            if (v < min || v > max) {
                problems.add(PREFIX + name + "=" + raw + " must be within [" + min + ", " + max + "]");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(PREFIX + name + "=" + raw + " is not a whole number");
            return fallback;
        }
    }
}
