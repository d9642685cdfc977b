package io.shadowscale.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs one scenario once: a fresh topic, the consumer side started and ready, the producer for the
 * run's duration with the scale events at their seconds (when the scenario scales), then a drain
 * until every acknowledged record was processed (bounded), then a graceful stop. Prints a progress
 * line once a second.
 */
public final class ScenarioRun {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrap;
    private final PrintStream progress;

    public ScenarioRun(String bootstrap, PrintStream progress) {
        this.bootstrap = bootstrap;
        this.progress = progress;
    }

    /** Runs {@code entry} with {@code settings}; {@code scales} overrides whether events happen. */
    public ScenarioResult run(ScenarioRegistry.Entry entry, LoadSettings settings, boolean scales, String runId)
            throws Exception {
        return run(entry, settings, settings.rate(), settings.durationSeconds(), scales, runId);
    }

    /**
     * Runs {@code entry} with {@code settings} but producing {@code rate} records per second for
     * {@code duration} seconds (a warm-up or a ceiling probe); {@code scales} overrides whether events happen.
     */
    public ScenarioResult run(
            ScenarioRegistry.Entry entry, LoadSettings settings, int rate, int duration, boolean scales, String runId)
            throws Exception {
        String name = entry.name();
        if (!entry.available()) {
            return ScenarioResult.failed(name, entry.unavailableReason());
        }
        String topic = "load-" + name + "-" + runId;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, settings.partitions(), (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, topic, settings.partitions());
        }
        Recorder recorder =
                new Recorder(RunClock.system(), settings.partitions(), duration + settings.drainTimeoutSeconds() + 30);
        Scenario scenario = entry.create();
        ExecutorService events = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "load-events-" + name);
            t.setDaemon(true);
            return t;
        });
        String error = null;
        long lagAtEnd = 0;
        double productionElapsed = 0;
        int totalSeconds = duration;
        try {
            scenario.start(
                    new ConsumerSettings(
                            bootstrap,
                            topic,
                            settings.partitions(),
                            "group-" + topic,
                            settings.costMicros(),
                            recorder,
                            settings.consumerOverrides(),
                            settings.handoff(),
                            settings.processor()),
                    settings.members());
            if (!scenario.awaitReady(READY_TIMEOUT)) {
                return ScenarioResult.failed(
                        name, "consumer side not ready within " + READY_TIMEOUT.toSeconds() + " s");
            }
            recorder.start();
            recorder.replicas(scenario.members());
            Future<?> lastEvent = null;
            try (LoadProducer producer = LoadProducer.start(
                    bootstrap,
                    topic,
                    settings.acks(),
                    settings.producerThreads(),
                    rate,
                    Duration.ofSeconds(duration),
                    settings.recordSize(),
                    recorder)) {
                List<int[]> due = scales ? new ArrayList<>(settings.events()) : new ArrayList<>();
                long nextLine = 1;
                long lastSent = 0;
                while (!producer.finished()) {
                    double t = recorder.elapsedSeconds();
                    while (!due.isEmpty() && t >= due.get(0)[0]) {
                        int[] e = due.remove(0);
                        lastEvent = scaleAsync(events, scenario, recorder, e[1], e[2]);
                    }
                    if (t >= nextLine) {
                        recorder.replicas(scenario.members());
                        long sent = producer.sent();
                        printProgress(name, recorder, t, scenario.members(), sent - lastSent, sent);
                        lastSent = sent;
                        nextLine++;
                    }
                    TimeUnit.MILLISECONDS.sleep(20);
                }
                producer.await(Duration.ofSeconds(30));
                lagAtEnd = recorder.lag();
                productionElapsed = recorder.elapsedSeconds();
                if (producer.failures() > 0) {
                    error = producer.failures() + " sends failed";
                }
            }
            if (lastEvent != null) {
                lastEvent.get(120, TimeUnit.SECONDS);
            }
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.drainTimeoutSeconds());
            long nextLine = (long) Math.ceil(recorder.elapsedSeconds());
            while (recorder.lag() > 0 && System.nanoTime() < drainDeadline) {
                double t = recorder.elapsedSeconds();
                if (t >= nextLine) {
                    recorder.replicas(scenario.members());
                    printProgress(name + " drain", recorder, t, scenario.members(), 0, recorder.ackedCount());
                    nextLine++;
                }
                TimeUnit.MILLISECONDS.sleep(20);
            }
            if (recorder.lag() > 0 && error == null) {
                error = "not drained within " + settings.drainTimeoutSeconds() + " s: " + recorder.lag()
                        + " records left";
            }
            totalSeconds = (int) Math.ceil(recorder.elapsedSeconds()) + 1;
        } finally {
            scenario.stop();
            events.shutdownNow();
        }
        ScenarioResult result = ScenarioResult.of(
                name,
                error,
                recorder,
                duration,
                totalSeconds,
                lagAtEnd,
                productionElapsed,
                settings.eventWindowSeconds());
        progress.printf(
                Locale.ROOT,
                "[%s] done: %.0f msg/s, steady p99 %s ms, event p99 %s ms, event max %s ms, "
                        + "max gap %.1f ms, duplicates %d, lost %d%s%n",
                name,
                result.throughputMsgsPerS(),
                fmt(result.steadyP99Ms()),
                fmt(result.eventP99Ms()),
                fmt(result.eventMaxMs()),
                result.maxPartitionGapMs(),
                result.duplicates(),
                result.lost(),
                result.error() == null ? "" : " (" + result.error() + ")");
        WalkFigures w = result.walkFigures();
        if (w.walks() > 0) {
            progress.printf(
                    Locale.ROOT,
                    "[%s] over %d events x %d partitions: gap p50 %s / p99 %s / max %s ms; "
                            + "event-second p99 %s ms vs other seconds %s ms (ratio %s)%n",
                    name,
                    w.walks(),
                    settings.partitions(),
                    fmt(w.gapP50Ms()),
                    fmt(w.gapP99Ms()),
                    fmt(w.gapMaxMs()),
                    fmt(w.eventSecondP99Ms()),
                    fmt(w.otherSecondsP99Ms()),
                    w.eventP99Ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", w.eventP99Ratio()));
        }
        return result;
    }

    /**
     * Waits until the broker answers ListOffsets for every partition as its leader. Producing to a
     * partition the broker has not made itself leader of yet got NOT_LEADER_OR_FOLLOWER, and the
     * idempotent producer's retries then failed with OUT_OF_ORDER_SEQUENCE_NUMBER.
     */
    private static void awaitLeaders(Admin admin, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            all.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                admin.listOffsets(all).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "topic " + topic + " has no leader for every partition: " + e.getCause(), e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static Future<?> scaleAsync(
            ExecutorService events, Scenario scenario, Recorder recorder, int from, int to) {
        recorder.event(from, to);
        return events.submit(() -> {
            scenario.scale(to);
            return null;
        });
    }

    /**
     * elapsed, records sent in the last second, processed in the last full second, lag (sent - seen), p99, members,
     * events.
     */
    private void printProgress(String name, Recorder r, double t, int members, long sentLastSecond, long sentTotal) {
        progress.printf(
                Locale.ROOT,
                "[%s] %5.0fs in %7d/s out %7d/s lag %8d p99 %8s ms members %d events %d dup %d%n",
                name,
                t,
                sentLastSecond,
                r.lastSecondOut(),
                Math.max(0, sentTotal - r.distinctSeen()),
                fmt(r.lastSecondP99Millis()),
                members,
                r.events().size(),
                r.duplicates());
    }

    static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }
}
