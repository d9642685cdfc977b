package io.shadowscale.e2e;

import static org.awaitility.Awaitility.await;

import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.scaler.controller.ControllerSettings;
import io.shadowscale.scaler.controller.Leadership;
import io.shadowscale.scaler.controller.OperatorResult;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import io.shadowscale.scaler.model.ScaleDecision;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.Transition;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.TargetFollower;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.fleet.WorkerTemplate;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * One pair run for real: the input topic (its blue group has no committed offsets: the
 * controller's first start gives it the log end), the pair controller in process (its policy never
 * resizes; the test asks for every walk), a {@link PairFleet} of real workers with
 * {@link VerifyingProcessor}s writing to one {@link ObservationLog}, and a {@link TargetFollower}
 * scaling the fleet to the controller's slot targets (as KEDA would).
 */
final class PairRig implements AutoCloseable {
    static final Duration TICK = Duration.ofMillis(150);
    static final Duration FOLLOW_POLL = Duration.ofMillis(200);
    static final Duration WALK_LIMIT = Duration.ofSeconds(60);

    /** One walk as the controller's history tells it (times to the millisecond). */
    record Walk(
            int from,
            int to,
            SlotName fromSlot,
            Instant requestedAt,
            Instant warmingAt,
            Instant cuttingOverAt,
            Instant drainingAt,
            Instant steadyAt) {
        long walkMillis() {
            return Duration.between(requestedAt, steadyAt).toMillis();
        }

        long warmMillis() {
            return Duration.between(warmingAt, cuttingOverAt).toMillis();
        }

        long cutoverMillis() {
            return Duration.between(cuttingOverAt, drainingAt).toMillis();
        }
    }

    private final LocalKafka kafka;
    private final PairKey pair;
    private final String topic;
    private final int partitions;
    private final ControlTopics topics;
    private final PolicySettings policy;
    private final Clock clock = Clock.systemUTC();
    final ObservationLog log = new ObservationLog();
    final PairFleet fleet;
    private PairController controller;
    private ScheduledExecutorService executor;
    private TargetFollower follower;
    private int controllers;

    private ControllerSettings.Handoff handoff = ControllerSettings.Handoff.PLANNED;
    private String controllerBootstrap;

    /** A rig of real in-process workers, each with a {@link VerifyingProcessor}. */
    PairRig(LocalKafka kafka, PairKey pair, String topic, int partitions, int initialReplicas) {
        this(builder(kafka, pair, topic, partitions, initialReplicas));
    }

    /** A rig whose workers the builder may change; {@link #PairRig(LocalKafka, PairKey, String, int, int)} else. */
    static Builder builder(LocalKafka kafka, PairKey pair, String topic, int partitions, int initialReplicas) {
        return new Builder(kafka, pair, topic, partitions, initialReplicas);
    }

    /** How the rig's workers differ from the plain in-process ones. */
    static final class Builder {
        private final LocalKafka kafka;
        private final PairKey pair;
        private final String topic;
        private final int partitions;
        private final int initialReplicas;
        private Map<String, String> blueEnv = Map.of();
        private Map<String, String> greenEnv = Map.of();
        private Function<ObservationLog, WorkerLauncher> launchers = log ->
                WorkerLauncher.inProcess(workerId -> new VerifyingProcessor(log, Clock.systemUTC()), Clock.systemUTC());

        private Builder(LocalKafka kafka, PairKey pair, String topic, int partitions, int initialReplicas) {
            this.kafka = kafka;
            this.pair = pair;
            this.topic = topic;
            this.partitions = partitions;
            this.initialReplicas = initialReplicas;
        }

        /** Extra environment variables of the blue and of the green workers (e.g. a protocol version). */
        Builder slotEnv(Map<String, String> blue, Map<String, String> green) {
            this.blueEnv = blue;
            this.greenEnv = green;
            return this;
        }

        /** Extra environment variables of every worker. */
        Builder env(Map<String, String> env) {
            return slotEnv(env, env);
        }

        /** Where the workers come from (given the log their observations go to). */
        Builder launchers(Function<ObservationLog, WorkerLauncher> value) {
            this.launchers = value;
            return this;
        }

        PairRig build() {
            return new PairRig(this);
        }
    }

    private PairRig(Builder b) {
        this.kafka = b.kafka;
        this.pair = b.pair;
        this.topic = b.topic;
        this.partitions = b.partitions;
        this.topics = new ControlTopics(pair.name() + ".control", pair.name() + ".state");
        this.policy = new PolicySettings(
                0,
                b.initialReplicas,
                0,
                0.2,
                Duration.ofSeconds(30),
                Duration.ZERO,
                Duration.ZERO,
                WALK_LIMIT,
                Duration.ofSeconds(10));
        kafka.createTopic(topic, partitions);
        Map<String, String> template = WorkerTemplate.of(
                kafka.bootstrapServers(),
                List.of(topic),
                topics.control(),
                VerifyingProcessor.class.getName(),
                Duration.ofMillis(500));
        WorkerLauncher launcher = b.launchers.apply(log);
        this.fleet = new PairFleet(
                pair, WorkerTemplate.with(template, b.blueEnv), WorkerTemplate.with(template, b.greenEnv), launcher);
    }

    /**
     * A steady producer into the rig's topic ({@code acks=all}, idempotent) of {@code rate}
     * records/s for at most {@code limit}; not started.
     */
    PacedProducer load(long rate, Duration limit, int recordSize) {
        return PacedProducer.builder(kafka.bootstrapServers(), topic)
                .partitions(partitions)
                .recordSize(recordSize)
                .rate(rate)
                .maxRecords(rate * limit.toSeconds())
                .duration(limit)
                .acks("all")
                .idempotent(true)
                .build();
    }

    /**
     * Starts the controller, waits for blue steady at {@code replicas}, starts {@code load}, waits for a first record.
     */
    void startUnder(PacedProducer load, int replicas) {
        startController();
        awaitSteady(SlotName.BLUE, replicas);
        load.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> log.size() > 0);
    }

    /** Walks to each size in turn, printing each walk under {@code label}. */
    List<Walk> walkThrough(List<Integer> sizes, String label) {
        List<Walk> walks = new ArrayList<>();
        for (int size : sizes) {
            walks.add(walk(size));
            System.out.printf("%s %d: %s%n", label, walks.size(), walks.get(walks.size() - 1));
        }
        return walks;
    }

    /** Finishes {@code load}, waits until all it sent is acknowledged and processed; returns the records sent. */
    long finish(PacedProducer load) throws InterruptedException {
        load.finish();
        long total = load.awaitDelivered(Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(90)).until(() -> log.size() >= total);
        return total;
    }

    /** How the next controller started hands over (planned, or fence/barrier as a version-1 controller). */
    void handoff(ControllerSettings.Handoff value) {
        handoff = value;
    }

    /** Where the next controller started connects (e.g. the proxied listener); the direct listener if unset. */
    void controllerBootstrap(String bootstrapServers) {
        controllerBootstrap = bootstrapServers;
    }

    /** Starts a controller (a new one on the same state topic if one ran before) and a follower for it. */
    void startController() {
        controllers++;
        executor = Executors.newSingleThreadScheduledExecutor();
        controller = PairController.builder()
                .clientProperties(controllerClients())
                .topics(topics)
                .policy(neverResizes())
                .clock(clock)
                .executor(executor)
                .leadership(Leadership.always())
                .settings(ControllerSettings.builder()
                        .controllerId(pair.name() + "-controller-" + controllers)
                        .tickInterval(TICK)
                        .staleAfter(Duration.ofSeconds(10))
                        .sessionTimeout(Duration.ofSeconds(45))
                        .metricsInterval(Duration.ofMinutes(10))
                        .handoff(handoff)
                        .build())
                .build();
        controller.start();
        controller.register(new PairSpec(pair, List.of(topic), policy));
        follower = new TargetFollower(controller, fleet, FOLLOW_POLL).start();
    }

    /** Closes the controller and its follower; the fleet keeps running as it is (KEDA keeps the last replicas). */
    void stopController() {
        follower.close();
        controller.close();
        executor.shutdownNow();
    }

    private Map<String, Object> controllerClients() {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        if (controllerBootstrap != null) {
            props.put("bootstrap.servers", controllerBootstrap);
        }
        return props;
    }

    PairController controller() {
        return controller;
    }

    Optional<PairState> state() {
        return controller.state(pair);
    }

    /**
     * Waits until {@code slot} is the steady active slot with {@code replicas} workers and the other slot's fleet is
     * empty.
     */
    void awaitSteady(SlotName slot, int replicas) {
        await().atMost(WALK_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> state().filter(s ->
                                s.phase() == PairPhase.STEADY && s.active() == slot && s.activeReplicas() == replicas)
                        .isPresent());
        await().atMost(WALK_LIMIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> fleet.slot(slot).replicas() == replicas
                        && fleet.slot(slot.other()).replicas() == 0);
    }

    /** Asks for a walk to {@code replicas}; returns when the request is accepted. */
    Instant requestResize(int replicas) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OperatorResult result = controller.requestResize(pair, replicas);
        if (!result.accepted()) {
            throw new IllegalStateException("resize to " + replicas + " refused: " + result.message());
        }
        return at;
    }

    /** Asks for a walk and waits until it finished; the walk's times from the controller's history. */
    Walk walk(int replicas) {
        PairState before = state().orElseThrow();
        Instant requested = requestResize(replicas);
        awaitSteady(before.active().other(), replicas);
        return walkSince(before.activeReplicas(), replicas, before.active(), requested);
    }

    Walk walkSince(int from, int to, SlotName fromSlot, Instant requested) {
        List<Transition> history = state().orElseThrow().history();
        return new Walk(
                from,
                to,
                fromSlot,
                requested,
                at(history, requested, PairPhase.WARMING),
                at(history, requested, PairPhase.CUTTING_OVER),
                at(history, requested, PairPhase.DRAINING),
                at(history, requested, PairPhase.STEADY));
    }

    /** When the pair first entered {@code phase} (from another phase) at or after {@code since}. */
    private static Instant at(List<Transition> history, Instant since, PairPhase phase) {
        return history.stream()
                .filter(t -> !t.at().isBefore(since) && t.to() == phase && t.from() != phase)
                .map(Transition::at)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no move to " + phase + " since " + since + " in " + history));
    }

    @Override
    public void close() {
        if (follower != null) {
            stopController();
        }
        fleet.close();
    }

    private static ScalingPolicy neverResizes() {
        return (observation, settings, memory) ->
                new PolicyOutcome(ScaleDecision.hold(0, "the test drives every resize"), memory);
    }
}
