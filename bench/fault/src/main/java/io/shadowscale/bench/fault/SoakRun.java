package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.waitFor;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.keda.PairBootstrap;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.stand.LocalStand;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One soak: a real broker and the producer in this JVM, the scaler and every worker in processes of
 * their own (as in {@link FaultRun}); the pair STEADY on blue and paused, then production at a
 * steady rate for the whole duration with a walk every {@code walks.every}, asked through the
 * scaler's admin endpoint, alternately to {@code to} and back to {@code from}. A walk still under
 * way when the next is due delays it. Every process is sampled by {@link ResourceSampler}
 * throughout. Then drain, and audit every acknowledged sequence number: lost, still waiting,
 * duplicated. Every wait is bounded: the run ends by itself after the start, the duration and the
 * drain timeout.
 */
final class SoakRun {
    static final String NAMESPACE = "soak";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final Map<String, String> BOUNDED_LOG =
            Map.of("retention.bytes", Long.toString(1536L << 20), "segment.bytes", Long.toString(256L << 20));

    private final LocalKafka kafka;
    private final SoakSettings settings;
    private final PrintStream progress;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final List<ResourceSampler.Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<SoakResult.Walk> walks = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile String phase = "setup";
    private volatile Optional<PairView> lastView = Optional.empty();
    private volatile PacedProducer producer;
    private volatile OutputTally tally;
    private volatile List<ResourceSampler.Sample> lastSample = List.of();
    private volatile long epochBefore;
    private long lastSent;
    private long lastSeen;

    SoakRun(LocalKafka kafka, SoakSettings settings, PrintStream progress) {
        this.kafka = kafka;
        this.settings = settings;
        this.progress = progress;
    }

    SoakResult execute() throws Exception {
        String name = "soak-" + System.currentTimeMillis() % 100_000;
        PairKey pair = new PairKey(NAMESPACE, name);
        String input = "soak." + name + ".in";
        String output = "soak." + name + ".out";
        String control = "soak." + name + ".control";
        int partitions = settings.load().partitions();
        Path logs = settings.out().resolve("logs");
        // 30 min at 120k msg/s writes tens of GB per topic: each partition keeps its newest 1.5 GiB
        // (about 10 min of input at 20k msg/s a partition), far more than a consumer lags behind
        kafka.createTopic(input, partitions, BOUNDED_LOG);
        kafka.createTopic(output, partitions, BOUNDED_LOG);
        kafka.createTopic(control, 1);
        PairBootstrap.seedFromEarliest(kafka.admin(), pair, List.of(input));
        Map<String, String> jvm = Map.of("JDK_JAVA_OPTIONS", ResourceSampler.gcLogOption(logs));
        Map<String, String> workerEnv = new HashMap<>(jvm);
        workerEnv.put("SHADOWSCALE_OUTPUT_TOPIC", output);
        workerEnv.put(FaultProcessor.DELAY_VARIABLE, "0");
        SoakSettings.Walks w = settings.walks();
        LocalStand stand = FaultRun.stand(pair, kafka, input, w.from(), w.warmupTimeout())
                .controlTopics(control, "soak." + name + ".state")
                .workerEnv(workerEnv)
                .build();
        ProcessWorkers workers = new ProcessWorkers(settings.classpath(), logs);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "soak-timers");
            t.setDaemon(true);
            return t;
        });
        try (OwnHeapAfterGc ownHeap = new OwnHeapAfterGc();
                ScalerProcess scaler = new ScalerProcess(
                                "scaler",
                                settings.classpath(),
                                logs,
                                kafka.bootstrapServers(),
                                control,
                                "soak." + name + ".state",
                                jvm)
                        .start();
                LocalStand.Keda keda =
                        stand.startKeda(scaler.grpcPort(), stand.fleet(FaultProcessor.class.getName(), workers));
                OutputTally out = new OutputTally(kafka.clientProperties(), output, partitions)) {
            this.tally = out;
            ResourceSampler sampler = new ResourceSampler(logs, () -> SoakTargets.of(scaler, workers), ownHeap::mib);
            timers.scheduleAtFixedRate(
                    () -> sample(sampler), 0, settings.sampleEvery().toMillis(), TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(
                    () -> progress.println(progressLine()),
                    PROGRESS_EVERY.toSeconds(),
                    PROGRESS_EVERY.toSeconds(),
                    TimeUnit.SECONDS);
            FaultRun.keepReplicaSets(timers, keda.fleet(), this::note);

            phase = "starting (blue " + w.from() + ")";
            FaultRun.startOnBlue(scaler, pair, w.from(), () -> view(scaler, pair));
            try (PacedProducer p = FaultRun.startProducer(
                    kafka,
                    input,
                    partitions,
                    settings.load().recordSize(),
                    settings.load().rate())) {
                this.producer = p;
                note("production started at " + settings.load().rate() + " msg/s");
                walkUntil(scaler, pair, System.nanoTime() + settings.duration().toNanos());
                phase = "draining";
                p.stop(Duration.ofSeconds(30));
                note("production stopped after " + p.sent() + " records (" + p.acked() + " acknowledged)");
                // a walk asked shortly before the end goes on: it is awaited with the records
                boolean drained = waitFor(
                        () -> !walkUnderWay(view(scaler, pair))
                                && seen() >= p.acked()
                                && out.missing(p.ackedSequences(), Long.MAX_VALUE) == 0,
                        settings.drainTimeout());
                note(
                        drained
                                ? "drained"
                                : "NOT drained within "
                                        + settings.drainTimeout().toSeconds() + " s");
                long[] lostAndWaiting = lostAndWaiting(out, p, pair, input);
                if (p.failed() > 0) {
                    note(p.failed() + " sends failed (not expected in the output): " + p.failure());
                }
                note("pair at the end: "
                        + view(scaler, pair).map(PairView::summary).orElse("unknown"));
                phase = "done";
                sample(sampler);
                return new SoakResult(
                        p.sent(),
                        p.acked(),
                        lostAndWaiting[0],
                        lostAndWaiting[1],
                        out.duplicates(),
                        List.copyOf(walks),
                        List.copyOf(samples),
                        List.copyOf(notes));
            }
        } finally {
            timers.shutdownNow();
        }
    }

    /** Walks every {@code walks.every} until {@code endNanos}: a walk is asked once the previous one ended. */
    private void walkUntil(ScalerProcess scaler, PairKey pair, long endNanos) throws InterruptedException {
        SoakSettings.Walks w = settings.walks();
        long nextNanos = System.nanoTime() + w.every().toNanos();
        phase = "steady blue x" + w.from();
        int size = w.from();
        while (System.nanoTime() < endNanos) {
            Optional<PairView> v = view(scaler, pair);
            boolean underWay = walkUnderWay(v);
            if (v.isPresent() && !underWay) {
                size = v.get().activeReplicas();
            }
            if (System.nanoTime() >= nextNanos && !underWay && v.isPresent()) {
                int number = walks.size() + 1;
                int target = w.other(size);
                epochBefore = v.get().epoch();
                try {
                    String answer = scaler.post(pair, "resize?replicas=" + target);
                    walks.add(SoakResult.Walk.started(number, size, target, seconds(System.nanoTime())));
                    phase = "walk " + number + " " + size + "->" + target;
                    note("walk " + number + " to " + target + ": " + answer);
                } catch (IllegalStateException e) {
                    note("walk " + number + " to " + target + " refused: " + e.getMessage());
                }
                nextNanos += w.every().toNanos();
                nextNanos = Math.max(nextNanos, System.nanoTime());
            }
            Thread.sleep(250);
        }
    }

    /** Whether the last walk is still under way in {@code v}; ends it once the pair is STEADY on a new epoch. */
    private boolean walkUnderWay(Optional<PairView> v) {
        SoakResult.Walk last = walks.isEmpty() ? null : walks.get(walks.size() - 1);
        if (last == null || !last.open()) {
            return false;
        }
        if (v.isPresent() && v.get().phase().equals("STEADY") && v.get().epoch() > epochBefore) {
            walks.set(
                    walks.size() - 1,
                    last.ended(seconds(System.nanoTime()), v.get().summary()));
            phase = "steady " + v.get().activeSlot() + " x" + v.get().activeReplicas();
            return false;
        }
        return true;
    }

    private void sample(ResourceSampler sampler) {
        try {
            List<ResourceSampler.Sample> now = sampler.sample(seconds(System.nanoTime()));
            samples.addAll(now);
            lastSample = now;
        } catch (RuntimeException e) {
            note("sampling failed: " + e);
        }
    }

    /** Records seen in the output, each once. */
    private long seen() {
        OutputTally out = tally;
        return out == null ? 0 : out.observations() - out.duplicates() - out.undecodable();
    }

    /** One progress line: minutes, phase, pair, rates in and out since the last line, lag, the scaler. */
    synchronized String progressLine() {
        PacedProducer p = producer;
        long sent = p == null ? 0 : p.sent();
        long seen = seen();
        double in = (sent - lastSent) / (double) PROGRESS_EVERY.toSeconds();
        double outRate = (seen - lastSeen) / (double) PROGRESS_EVERY.toSeconds();
        lastSent = sent;
        lastSeen = seen;
        String scaler = lastSample.stream()
                .filter(s -> s.line().equals(SoakTargets.SCALER))
                .findFirst()
                .map(s -> String.format(
                        Locale.ROOT, "heap %.0f MiB, %d threads, %d fds", s.heapMib(), s.threads(), s.fds()))
                .orElse("-");
        return String.format(
                Locale.ROOT,
                "[%5.1f min] %-22s | %-28s | in %,7.0f/s out %,7.0f/s lag %,9d dup %,d | scaler %s",
                seconds(System.nanoTime()) / 60,
                phase,
                lastView.map(PairView::summary).orElse("-"),
                in,
                outRate,
                Math.max(0, sent - seen),
                tally == null ? 0 : tally.duplicates(),
                scaler);
    }

    private Optional<PairView> view(ScalerProcess scaler, PairKey pair) {
        Optional<PairView> v = scaler.pair(pair);
        if (v.isPresent()) {
            lastView = v;
        }
        return v;
    }

    /**
     * Splits the acknowledged records missing from the output into lost (the groups committed past
     * them) and still waiting (the drain ended first), as {@link FaultRun} does, from the active
     * group's committed offsets: record {@code n} went
     * to partition {@code n % partitions} at offset {@code n / partitions}; if a send failed, every
     * missing record counts as lost.
     */
    private long[] lostAndWaiting(OutputTally out, PacedProducer p, PairKey pair, String input) {
        long[] missing = out.unseen(p.ackedSequences()).toArray();
        if (missing.length == 0) {
            return new long[] {0, 0};
        }
        if (p.failed() > 0) {
            return new long[] {missing.length, 0};
        }
        int partitions = settings.load().partitions();
        // the active slot's group only: a rolled-back walk's new group committed offsets it warmed
        // up to, which say nothing about what the active slot processed
        List<String> groups = lastView.filter(v -> v.activeSlot().matches("blue|green"))
                .map(v -> List.of(pair.groupId(SlotName.parse(v.activeSlot()))))
                .orElse(Arrays.stream(SlotName.values()).map(pair::groupId).toList());
        Map<Integer, Long> committed = new ConsumerGroups(kafka)
                .committed(
                        groups,
                        input,
                        (group, e) -> note("could not read the committed offsets of " + group + ": " + e));
        long lost = Arrays.stream(missing)
                .filter(seq -> seq / partitions < committed.getOrDefault((int) (seq % partitions), 0L))
                .count();
        return new long[] {lost, missing.length - lost};
    }

    private void note(String line) {
        notes.add(String.format(Locale.ROOT, "%7.1f s %s", seconds(System.nanoTime()), line));
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }
}
