package io.shadowscale.bench.fault;

import static io.shadowscale.bench.fault.Waits.require;
import static io.shadowscale.bench.fault.Waits.waitFor;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.keda.KedaOptions;
import io.shadowscale.testkit.keda.PairBootstrap;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.stand.LocalStand;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One run of one fault scenario against a real broker (in this JVM, so it can be restarted), the
 * scaler and every worker in processes of their own:
 *
 * <pre>
 *  harness JVM: broker, producer (acked sequence numbers), output reader, control-topic tail,
 *               local KEDA stand-in (gRPC to the scaler), "Deployments" starting worker JVMs
 *  scaler JVM:  ScalerMain (pair controller, gRPC, admin HTTP) on fixed loopback ports
 *  worker JVMs: WorkerMain with {@link FaultProcessor}, writing one observation per record
 * </pre>
 *
 * Steps: pair STEADY on blue, paused (no automatic resize); steady production; the fault (and,
 * for walking scenarios, a resize to {@code to} through the admin endpoint); wait until the pair
 * is STEADY again and the output holds every record sent before the fault; produce a little more;
 * drain; count losses and duplicates. Every wait is bounded.
 */
final class FaultRun {
    static final String NAMESPACE = "fault";
    private static final String IGNORED_CONTROL = "ignored control record";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final AtomicLong PAIRS = new AtomicLong(System.currentTimeMillis() % 100_000);

    private final LocalKafka kafka;
    private final ConsumerGroups groups;
    private final FaultSettings settings;
    private final FaultScenario scenario;
    private final int run;
    private final Clock clock = Clock.systemUTC();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final long startNanos = System.nanoTime();
    private volatile String step = "setup";
    private volatile Optional<PairView> lastView = Optional.empty();
    private volatile PairFleet fleet;
    private volatile PacedProducer producer;
    private volatile OutputTally tally;
    private final FaultInjector faults;

    FaultRun(LocalKafka kafka, FaultSettings settings, FaultScenario scenario, int run) {
        this.kafka = kafka;
        this.groups = new ConsumerGroups(kafka);
        this.settings = settings;
        this.scenario = scenario;
        this.run = run;
        this.faults = new FaultInjector(kafka, groups, settings, scenario, clock, this::note, this::view);
    }

    /** One progress line: elapsed, step, pair phase, workers per slot, records sent / seen / duplicated. */
    String progress() {
        Map<SlotName, Integer> replicas = fleet == null ? Map.of() : fleet.replicas();
        return String.format(
                Locale.ROOT,
                "[%-22s #%d %5.1fs] %-26s | %-34s | blue %d green %d | sent %,8d out %,8d dup %,d",
                scenario.label(),
                run,
                (System.nanoTime() - startNanos) / 1e9,
                step,
                lastView.map(PairView::summary).orElse("-"),
                replicas.getOrDefault(SlotName.BLUE, 0),
                replicas.getOrDefault(SlotName.GREEN, 0),
                producer == null ? 0 : producer.sent(),
                tally == null ? 0 : tally.observations(),
                tally == null ? 0 : tally.duplicates());
    }

    FaultResult execute() throws Exception {
        String name = scenario.label() + "-" + run + "-" + PAIRS.incrementAndGet();
        PairKey pair = new PairKey(NAMESPACE, name);
        String input = "fault." + name + ".in";
        String output = "fault." + name + ".out";
        String control = "fault." + name + ".control";
        String state = "fault." + name + ".state";
        Path logs = settings.out().resolve("logs").resolve(name);
        kafka.createTopic(input, settings.partitions());
        kafka.createTopic(output, settings.partitions());
        kafka.createTopic(control, 1);
        PairBootstrap.seedFromEarliest(kafka.admin(), pair, List.of(input));
        long delay = scenario == FaultScenario.SLOW_PROCESSOR ? settings.slowDelayMicros() : 0;
        LocalStand stand = stand(pair, kafka, input, settings.from(), settings.warmupTimeout())
                .controlTopics(control, state)
                .workerEnv(
                        Map.of("SHADOWSCALE_OUTPUT_TOPIC", output, FaultProcessor.DELAY_VARIABLE, Long.toString(delay)))
                .clock(clock)
                .build();
        ProcessWorkers workers = new ProcessWorkers(settings.classpath(), logs);
        ScheduledExecutorService replicaSets = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-replicasets");
            t.setDaemon(true);
            return t;
        });
        try (ScalerService scaler = (scenario == FaultScenario.LEADER_KILL
                                ? new ElectedScalers(
                                        settings.classpath(), logs, kafka.bootstrapServers(), control, state)
                                : new ScalerProcess(
                                        settings.classpath(),
                                        logs,
                                        faults.network().scalerBootstrap(),
                                        control,
                                        state))
                        .start();
                LocalStand.Keda keda = stand.startKeda(
                        scaler.grpcPort(),
                        stand.fleet(
                                FaultProcessor.class.getName(), faults.network().launcher(pair, workers)));
                OutputTally out = new OutputTally(kafka.clientProperties(), output, settings.partitions());
                ControlTail tail = new ControlTail(kafka.clientProperties(), control, pair);
                AutoCloseable first = () -> {
                    // before the fleet stops: no more replacements, and a frozen victim would ignore SIGTERM
                    step = "stopping";
                    replicaSets.shutdownNow();
                    faults.network().close();
                    workers.worker(faults.victim())
                            .filter(ProcessWorkers.ProcessWorker::alive)
                            .ifPresent(ProcessWorkers.ProcessWorker::kill);
                }) {
            PairFleet pairFleet = keda.fleet();
            this.fleet = pairFleet;
            if (scaler instanceof ElectedScalers elected) {
                elected.mirrorDeployments(pairFleet);
            }
            this.tally = out;
            keepReplicaSets(replicaSets, pairFleet, this::note);

            step = "starting (blue " + settings.from() + ")";
            startOnBlue(scaler, pair, settings.from(), () -> view(scaler, pair));
            step = "steady production";
            try (PacedProducer p =
                    startProducer(kafka, input, settings.partitions(), settings.recordSize(), settings.rate())) {
                this.producer = p;
                require(() -> out.observations() > 0, START_TIMEOUT, "first records processed");
                waitFor(() -> false, settings.steadyBefore());
                long epochBefore = view(scaler, pair).map(PairView::epoch).orElse(0L);

                step = "fault";
                faults.inject(scaler, pair, workers, tail, control);
                long seqAtFault = p.sent();
                note(String.format(
                        Locale.ROOT, "fault at %.1f s (sequence %d)", seconds(faults.faultNanos()), seqAtFault));

                step = "awaiting recovery";
                boolean recovered = waitFor(
                        () -> recovered(scaler, pair, epochBefore) && out.missing(p.ackedSequences(), seqAtFault) == 0,
                        settings.recoveryTimeout());
                long recoveryMs = recovered ? (System.nanoTime() - faults.faultNanos()) / 1_000_000 : -1;
                note(
                        recovered
                                ? "steady again and caught up " + recoveryMs + " ms after the fault"
                                : "NOT steady and caught up within "
                                        + settings.recoveryTimeout().toSeconds() + " s");

                step = "production after recovery";
                waitFor(() -> false, settings.after());
                step = "draining";
                p.stop(Duration.ofSeconds(30));
                waitFor(() -> out.missing(p.ackedSequences(), Long.MAX_VALUE) == 0, settings.drainTimeout());
                long[] lostAndWaiting = lostAndWaiting(out, p, pair);
                if (p.failed() > 0) {
                    note(p.failed() + " sends failed (not expected in the output): " + p.failure());
                }
                PairView end = view(scaler, pair)
                        .orElse(new PairView("UNKNOWN", 0, "-", 0, 0, false, List.of(), 0, List.of()));
                step = "done";
                long rejected = workers.countInLogs(IGNORED_CONTROL) + scaler.countInLogs(IGNORED_CONTROL);
                return new FaultResult(
                        scenario,
                        run,
                        p.sent(),
                        p.acked(),
                        lostAndWaiting[0],
                        lostAndWaiting[1],
                        out.duplicates(),
                        recoveryMs,
                        recovered,
                        end.summary(),
                        end.fallbackPartitions(),
                        end.fallbackRecords(),
                        rejected,
                        List.copyOf(notes),
                        end.history(),
                        faults.figures());
            }
        } finally {
            replicaSets.shutdownNow();
        }
    }

    /** The pair is STEADY after the fault: on the new slot after a walk (or back on blue after a rollback). */
    private boolean recovered(ScalerService scaler, PairKey pair, long epochBefore) {
        Optional<PairView> v = view(scaler, pair);
        if (v.isEmpty() || !v.get().phase().equals("STEADY") || v.get().epoch() <= epochBefore && scenario.walks()) {
            return false;
        }
        if (!scenario.walks()) {
            return v.get().steadyAt("blue", settings.from());
        }
        boolean rolledBack = !v.get().history().isEmpty()
                && v.get().history().get(v.get().history().size() - 1).contains("ROLLING_BACK -> STEADY");
        return v.get().steadyAt("green", settings.to()) || rolledBack;
    }

    private Optional<PairView> view(ScalerService scaler, PairKey pair) {
        Optional<PairView> v = scaler.pair(pair);
        if (v.isPresent()) {
            lastView = v;
        }
        return v;
    }

    /**
     * Splits the acknowledged records missing from the output into lost (the active group has
     * committed past them: skipped) and still waiting (at or after its committed offset: the drain
     * ended first). Record {@code n} went to partition {@code n % partitions} at offset
     * {@code n / partitions} (one producer thread, idempotent, in order); if any send failed that
     * mapping is off and every missing record counts as lost.
     */
    private long[] lostAndWaiting(OutputTally out, PacedProducer p, PairKey pair) {
        long[] missing = out.unseen(p.ackedSequences()).toArray();
        if (missing.length == 0) {
            return new long[] {0, 0};
        }
        if (p.failed() > 0) {
            return new long[] {missing.length, 0};
        }
        Map<Integer, Long> committed = groups.committed(
                Arrays.stream(SlotName.values()).map(pair::groupId).toList(),
                "fault." + pair.name() + ".in",
                (group, e) -> note("could not read the committed offsets of " + group + ": " + e));
        long lost = 0;
        for (long seq : missing) {
            if (seq / settings.partitions() < committed.getOrDefault((int) (seq % settings.partitions()), 0L)) {
                lost++;
            }
        }
        if (lost < missing.length) {
            note((missing.length - lost) + " acknowledged records not processed when the drain ended (past the "
                    + "committed offsets: still in Kafka)");
        }
        return new long[] {lost, missing.length - lost};
    }

    private void note(String line) {
        notes.add(String.format(Locale.ROOT, "%6.1f s %s", seconds(System.nanoTime()), line));
    }

    /** Seconds from the start of the run to {@code nanos} ({@link System#nanoTime()}). */
    private double seconds(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    /**
     * The stand of a fault or soak run's pair, reading {@code input}: {@code blue} workers at the
     * start, a worker capacity no run reaches (the run asks for each walk), a Fence given 3 s, a walk
     * rolled back after {@code warmupTimeout}; the KEDA stand-in polls every 500 ms.
     */
    static LocalStand.Builder stand(PairKey pair, LocalKafka kafka, String input, int blue, Duration warmupTimeout) {
        return LocalStand.builder(pair, kafka.bootstrapServers(), List.of(input))
                .scalingKeys(Map.of(
                        "minReplicas",
                        Integer.toString(blue),
                        "workerCapacity",
                        "1000000",
                        "fenceTimeoutSeconds",
                        "3",
                        "warmupTimeoutSeconds",
                        Long.toString(warmupTimeout.toSeconds())))
                .kedaOptions(KedaOptions.defaults().withPollingInterval(Duration.ofMillis(500)));
    }

    /**
     * The producer of a fault or soak run, started: idempotent, acks=all and the client's two-minute
     * delivery timeout, so that a broker restart delays sends but does not fail them and only
     * acknowledged sequence numbers can be lost; every acknowledgement tracked.
     */
    static PacedProducer startProducer(LocalKafka kafka, String input, int partitions, int recordSize, int rate) {
        return PacedProducer.builder(kafka.clientProperties(), input)
                .partitions(partitions)
                .recordSize(recordSize)
                .rate(rate)
                .acks("all")
                .idempotent(true)
                .trackAcks()
                .build()
                .start();
    }

    /**
     * Waits until the pair is STEADY on {@code blue} blue workers (as {@code view} shows it), then
     * pauses it: a walk starts only when the run asks for one.
     */
    static void startOnBlue(ScalerService scaler, PairKey pair, int blue, Supplier<Optional<PairView>> view)
            throws InterruptedException {
        require(
                () -> view.get().map(v -> v.steadyAt("blue", blue)).orElse(false),
                START_TIMEOUT,
                "pair " + pair + " STEADY on blue x" + blue);
        scaler.post(pair, "pause");
    }

    /**
     * What a Deployment's replica set does for the fleet: every second, a stopped worker of either
     * slot is replaced by a new one (a new id), each replacement noted.
     */
    static void keepReplicaSets(ScheduledExecutorService timers, PairFleet fleet, Consumer<String> note) {
        timers.scheduleWithFixedDelay(
                () -> {
                    for (SlotName slot : SlotName.values()) {
                        List<String> started = fleet.slot(slot).replaceStopped();
                        if (!started.isEmpty()) {
                            note.accept("replica set of " + slot.label() + " started " + started);
                        }
                    }
                },
                1,
                1,
                TimeUnit.SECONDS);
    }
}
