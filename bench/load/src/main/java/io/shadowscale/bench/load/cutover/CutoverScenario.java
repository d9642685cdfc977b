package io.shadowscale.bench.load.cutover;

import io.shadowscale.bench.load.ConsumerSettings;
import io.shadowscale.bench.load.Scenario;
import io.shadowscale.common.Partition;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
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
import io.shadowscale.testkit.fleet.FleetWorker;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.SidecarLauncher;
import io.shadowscale.testkit.fleet.TargetFollower;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.fleet.WorkerTemplate;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The Shadowscale pipeline in the load harness: an in-process {@link PairController} and an
 * in-process fleet of real workers ({@link PairFleet}, {@link TargetFollower}) playing KEDA. The
 * controller's policy never resizes by itself; {@link #scale} asks it for a walk
 * ({@code requestResize}) and returns: warm-up, cutover at the barrier and drain happen while the
 * harness measures, exactly as the baselines' rebalances do. The pair's single topic is the run's
 * topic; its control and state topics are the run's own ({@code shadowscale.<group id>.*}).
 *
 * <p>Before the first start the blue group's offsets are set to 0, the harness's "consume from the earliest offset"
 * (slot groups never use {@code auto.offset.reset}; on the fresh, empty topic the log end is 0 too). The broker is the
 * harness's, with Kafka's KIP-848 heartbeats every 5 s: they set how long a new slot warms up, not the handoff gap.
 *
 * <p>With {@code --processor node} ({@link ConsumerSettings#processor()}) every worker runs in
 * sidecar mode with its own Node.js application process ({@link SidecarLauncher}), which produces
 * one output per record to {@code <topic>.out}; a record counts as processed when its ack reaches
 * the worker ({@link SidecarSinkProcessor}).
 *
 * <p>{@link #members()} counts the running workers of both slots (what one pays for: during a
 * walk both slots run). After each walk one line says where its time went ({@link WalkReport}).
 */
public final class CutoverScenario implements Scenario {
    static final String NAMESPACE = "bench";

    private final CutoverSettings tuning;
    private final PrintStream out;
    private final NanoClock clock = NanoClock.system();
    private final List<WalkReport> walks = new ArrayList<>();
    private ConsumerSettings settings;
    private PairKey pair;
    private ScheduledExecutorService executor;
    private PairController controller;
    private PairFleet fleet;
    private TargetFollower follower;
    private HandoffProbe probe;
    private int walkFrom;
    private int walkTo;
    private long walkRequestedAt;
    private volatile boolean walkPending;

    /** Settings from the {@code cutover.*} system properties (defaults without any), output to stdout. */
    public CutoverScenario() {
        this(CutoverSettings.from(System.getProperties()), System.out);
    }

    public CutoverScenario(CutoverSettings tuning, PrintStream out) {
        this.tuning = tuning;
        this.out = out;
    }

    @Override
    public void start(ConsumerSettings s, int members) throws Exception {
        this.settings = s;
        this.pair = new PairKey(NAMESPACE, pairName(s.topic()));
        this.probe = new HandoffProbe(s.partitions());
        ControlTopics topics = ControlTopics.forEnvironment(s.groupId());
        Map<String, Object> client = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        try (Admin admin = Admin.create(client)) {
            Map<TopicPartition, OffsetAndMetadata> zero = new HashMap<>();
            for (int p = 0; p < s.partitions(); p++) {
                zero.put(new TopicPartition(s.topic(), p), new OffsetAndMetadata(0));
            }
            admin.alterConsumerGroupOffsets(pair.groupId(SlotName.BLUE), zero)
                    .all()
                    .get(30, TimeUnit.SECONDS);
            if (node(s)) {
                admin.createTopics(List.of(new NewTopic(outputTopic(s), s.partitions(), (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "cutover-controller-" + pair.name());
            t.setDaemon(true);
            return t;
        });
        // workers stale after 10 s, session 45 s (the broker default), metrics every 10 min (the policy
        // never resizes, so its observations are not needed), partitions re-read every 30 s, one control partition
        ControllerSettings cs = ControllerSettings.builder()
                .controllerId("bench-cutover")
                .tickInterval(tuning.controllerTick())
                .staleAfter(Duration.ofSeconds(10))
                .sessionTimeout(Duration.ofSeconds(45))
                .metricsInterval(Duration.ofMinutes(10))
                .partitionsRefresh(Duration.ofSeconds(30))
                .controlPartitions(1)
                .createTopics(true)
                .handoff(
                        s.handoff().equals("fence")
                                ? ControllerSettings.Handoff.FENCE
                                : ControllerSettings.Handoff.PLANNED)
                .build();
        controller = PairController.builder()
                .clientProperties(client)
                .topics(topics)
                .policy(neverResizes())
                .clock(clock)
                .executor(executor)
                .leadership(Leadership.always())
                .settings(cs)
                .build();
        controller.start();
        PolicySettings policy = new PolicySettings(
                0,
                members,
                0,
                0.2,
                Duration.ofSeconds(30),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofMinutes(2),
                Duration.ofSeconds(10));
        controller.register(new PairSpec(pair, List.of(s.topic()), policy));
        Map<String, String> template = WorkerTemplate.with(
                WorkerTemplate.of(
                        s.bootstrapServers(),
                        List.of(s.topic()),
                        topics.control(),
                        SinkProcessor.class.getName(),
                        Duration.ofMillis(tuning.statusIntervalMs())),
                tuning.withWorkerKafkaDefaults(s.clientOverrides()).workerEnv());
        if (node(s)) {
            template = WorkerTemplate.with(template, Map.of("SHADOWSCALE_OUTPUT_TOPIC", outputTopic(s)));
        }
        fleet = new PairFleet(pair, template, launcher(s));
        follower = new TargetFollower(controller, fleet, tuning.followerPoll()).start();
        out.println("[cutover] pair " + pair + ", " + members + " worker(s) of blue, " + s.handoff() + " handoff, "
                + (node(s) ? "sidecar workers with Node.js processors, " : "Java processor in the worker, ")
                + tuning.describe());
    }

    /**
     * Ready when the pair is STEADY and its active slot's workers, each ready (in sidecar mode: its
     * application connected), process every partition, each once.
     */
    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<PairState> s = controller.state(pair);
            if (s.isPresent()
                    && s.get().phase() == PairPhase.STEADY
                    && settled(
                            activePartitions(s.get().active()),
                            settings.partitions(),
                            s.get().activeReplicas())) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    /**
     * Asks the controller to walk to {@code members} workers and returns (the walk goes on while
     * the harness measures). A walk still in progress is waited for first (bounded): the
     * controller takes a resize only when STEADY.
     */
    @Override
    public void scale(int members) throws Exception {
        PairState steady = awaitSteady();
        reportWalk(steady);
        long requested = System.nanoTime();
        OperatorResult r = controller.requestResize(pair, members);
        if (!r.accepted()) {
            throw new IllegalStateException("cutover: resize to " + members + " refused: " + r.message());
        }
        synchronized (this) {
            walkFrom = steady.activeReplicas();
            walkTo = members;
            walkRequestedAt = requested;
            walkPending = true;
        }
        out.printf(Locale.ROOT, "[cutover] resize %d -> %d requested%n", steady.activeReplicas(), members);
    }

    @Override
    public int members() {
        return fleet == null
                ? 0
                : fleet.replicas().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Lets a walk in progress finish (bounded; not while the pair is still STARTING), then stops
     * the follower, every worker and the controller.
     */
    @Override
    public void stop() throws Exception {
        try {
            boolean walking = controller != null
                    && controller
                            .state(pair)
                            .map(x -> x.phase() != PairPhase.STEADY && x.phase() != PairPhase.STARTING)
                            .orElse(false);
            if (walking || walkPending) {
                try {
                    reportWalk(awaitSteady());
                } catch (IllegalStateException e) {
                    out.println("[cutover] " + e.getMessage());
                }
            }
        } finally {
            if (follower != null) {
                follower.close();
            }
            if (fleet != null) {
                fleet.close();
            }
            if (controller != null) {
                controller.close();
            }
            if (executor != null) {
                executor.shutdownNow();
            }
        }
    }

    /** The walks reported so far. */
    public synchronized List<WalkReport> walks() {
        return List.copyOf(walks);
    }

    /**
     * The pair once STEADY; with a walk requested, once STEADY after a transition since the request
     * (right after {@code requestResize} the pair is still STEADY: the controller begins the walk at
     * its next tick).
     */
    private PairState awaitSteady() throws InterruptedException {
        long deadline = System.nanoTime() + tuning.walkTimeout().toNanos();
        long requested;
        synchronized (this) {
            requested = walkPending ? walkRequestedAt : Long.MIN_VALUE;
        }
        while (true) {
            Optional<PairState> s = controller.state(pair);
            if (s.isPresent()
                    && s.get().phase() == PairPhase.STEADY
                    && (requested == Long.MIN_VALUE || lastTransitionNanos(s.get()) >= requested)) {
                return s.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cutover: pair " + pair + " not steady within " + tuning.walkTimeout()
                        + ", in " + s.map(x -> x.phase() + ": " + x.reason()).orElse("no state"));
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private long lastTransitionNanos(PairState state) {
        List<Transition> history = state.history();
        return history.isEmpty()
                ? Long.MIN_VALUE
                : clock.nanosOf(history.get(history.size() - 1).at());
    }

    private synchronized void reportWalk(PairState steady) {
        if (!walkPending) {
            return;
        }
        walkPending = false;
        WalkReport w = WalkReport.of(
                walkFrom,
                walkTo,
                steady.history(),
                walkRequestedAt,
                clock::nanosOf,
                probe.snapshot(),
                probe.gapsEndingBetween(walkRequestedAt, System.nanoTime()));
        walks.add(w);
        out.println("[cutover] " + w.line());
    }

    /**
     * In-process workers with the busy-spin {@link SinkProcessor}, or ({@code node}) sidecar workers
     * each with its own Node.js application process, whose acked outputs are recorded
     * ({@link SidecarSinkProcessor}; {@code --cost-us} does not apply).
     */
    private WorkerLauncher launcher(ConsumerSettings s) {
        if (node(s)) {
            return new SidecarLauncher(
                    (id, sidecar) -> new SidecarSinkProcessor(sidecar, new SinkProcessor(0, s.sink(), probe, clock)),
                    clock,
                    null);
        }
        return WorkerLauncher.inProcess(
                id -> new SinkProcessor(s.processingCostMicros(), s.sink(), probe, clock), clock);
    }

    private static boolean node(ConsumerSettings s) {
        return s.processor().equals("node");
    }

    /** Where the Node.js applications' outputs go (the in-process processor produces none). */
    private static String outputTopic(ConsumerSettings s) {
        return s.topic() + ".out";
    }

    /** Active partitions of each running worker of {@code slot} (none while it is not ready). */
    private List<Set<Integer>> activePartitions(SlotName slot) {
        List<Set<Integer>> all = new ArrayList<>();
        for (FleetWorker w : fleet.slot(slot).workers()) {
            Worker worker = w instanceof WorkerLauncher.InProcessWorker ip
                    ? ip.worker()
                    : w instanceof SidecarLauncher.SidecarWorker sc ? sc.worker() : null;
            if (worker != null) {
                WorkerSnapshot snap = worker.snapshot();
                Set<Integer> mine = new HashSet<>();
                if (snap.mode() == WorkerMode.ACTIVE && snap.ready()) { // a sidecar's: its application connected
                    for (Partition p : snap.active()) {
                        mine.add(p.partition());
                    }
                }
                all.add(mine);
            }
        }
        return all;
    }

    /**
     * Every partition processed by exactly one of the {@code members} workers, and each worker (up
     * to the partition count) has some: the slot group has settled, not just its first member.
     */
    static boolean settled(List<Set<Integer>> active, int partitions, int members) {
        if (active.size() != members) {
            return false;
        }
        Set<Integer> union = new HashSet<>();
        int total = 0;
        int withSome = 0;
        for (Set<Integer> a : active) {
            union.addAll(a);
            total += a.size();
            withSome += a.isEmpty() ? 0 : 1;
        }
        return union.size() == partitions && total == partitions && withSome == Math.min(members, partitions);
    }

    /** A DNS-1123 label from the run's topic (lower case, {@code -} for anything else, at most 63). */
    static String pairName(String topic) {
        String name =
                topic.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 63) {
            name = name.substring(name.length() - 63).replaceAll("^-+", "");
        }
        return name.isEmpty() ? "load" : name;
    }

    private static ScalingPolicy neverResizes() {
        return (observation, policy, memory) -> new PolicyOutcome(
                ScaleDecision.hold(observation.replicas(), "bench: resizes come from the harness's events"), memory);
    }
}
