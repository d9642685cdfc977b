package io.shadowscale.scaler.controller;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.scaler.kafka.ClusterReader;
import io.shadowscale.scaler.kafka.MetricsReader;
import io.shadowscale.scaler.kafka.PairPartitions;
import io.shadowscale.scaler.kafka.StartOffsets;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.kafka.TopicSetup;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.OperatorRequest;
import io.shadowscale.scaler.model.PairInputs;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PairTransitions;
import io.shadowscale.scaler.model.Partition;
import io.shadowscale.scaler.model.PhaseCommand;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import io.shadowscale.scaler.model.WorkerReport;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair controller: walks every registered pair through its {@link PairPhase phases} and is the
 * {@link SlotTargets} KEDA's answers come from.
 *
 * <p>Every {@code tickInterval}, on the given executor, for each pair: gather inputs (live worker
 * reports from the control topic, the pair's partitions, a policy decision while STEADY, an
 * operator's request, fallback offsets when a fence timed out), compute the next state with
 * {@link PairTransitions#next}, and if it changed write it to the state topic first; then publish
 * slot-target changes to watchers and (re)send the command of the current step to the slot's
 * workers until each has answered it. A status answering a command also triggers an immediate
 * look (which sends only when the state moved). Only the {@link Leadership leader} does this; a standby
 * re-reads the state topic each tick of {@code metricsInterval} and serves targets from it.
 *
 * <p>Admin calls: per tick, at most one describeTopics for every pair whose partitions are
 * {@code partitionsRefresh} old, and one listOffsets plus one listConsumerGroupOffsets for every
 * STEADY pair whose {@code metricsInterval} has passed (all such pairs in one request each, so the
 * rate does not grow with the number of pairs); in CUTTING_OVER past the fence timeout two per
 * pair and tick (describeConsumerGroups, listConsumerGroupOffsets); a pair's first start reads and
 * commits its start offsets once.
 */
public final class PairController implements SlotTargets, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairController.class);

    private final ControlTopics topics;
    private final ScalingPolicy policy;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Leadership leadership;
    private final ControllerSettings settings;
    private final Map<String, Object> clientProperties;
    private final Admin admin;
    private final ClusterReader cluster;
    private final MetricsReader metrics;
    private final WorkerBook book = new WorkerBook();
    private final FenceFallback fallback;
    private final SlotReadiness slotReadiness;
    private final Map<PairKey, PairSpec> specs = new ConcurrentHashMap<>();
    private volatile ControllerObserver observer = ControllerObserver.NONE;
    private final Map<PairKey, PairState> states = new ConcurrentHashMap<>();
    private final Map<PairKey, OperatorRequest> requests = new ConcurrentHashMap<>();
    private final PairPartitions pairPartitions;
    private final Map<PairKey, Instant> observedAt = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<SlotTarget>>> watchers = new ConcurrentHashMap<>();
    private StateStore store;
    private ControlChannel channel;
    private ScheduledFuture<?> ticking;
    private AutoCloseable leadershipHandle;
    private volatile boolean leading;
    private Instant standbyReadAt = Instant.EPOCH;
    private final AtomicBoolean kickPending = new AtomicBoolean();
    /** A pair whose tick failed waits before its next one (its failed Kafka calls then do not hold up the others'). */
    private final PairBackoff backoff;

    /**
     * Creates a controller; nothing runs until {@link #start()}.
     *
     * @param clientProperties bootstrap servers and security settings for the Admin, producer and consumers
     * @param topics the environment's control and state topics
     * @param policy decides sizes while a pair is STEADY
     * @param clock the only source of time for decisions
     * @param executor runs the ticks (one thread is enough; the controller never blocks it for long)
     * @param leadership only the leader walks
     * @param settings how the controller runs
     */
    public PairController(Map<String, Object> clientProperties, ControlTopics topics, ScalingPolicy policy,
                          Clock clock, ScheduledExecutorService executor, Leadership leadership,
                          ControllerSettings settings) {
        this(clientProperties, topics, policy, clock, executor, leadership, settings, SlotReadiness.unknown());
    }

    /**
     * Creates a controller that also waits, before cutting over, until Kubernetes reports the waking
     * slot's Deployment with as many ready pods as the walk's target.
     *
     * @param slotReadiness asked while a pair is WARMING; must not block
     */
    public PairController(Map<String, Object> clientProperties, ControlTopics topics, ScalingPolicy policy,
                          Clock clock, ScheduledExecutorService executor, Leadership leadership,
                          ControllerSettings settings, SlotReadiness slotReadiness) {
        this(clientProperties, topics, policy, clock, executor, leadership, settings, slotReadiness, Admin::create);
    }

    /**
     * Creates a controller whose Admin client comes from {@code adminFactory} (given the client
     * properties): the load bench passes one that counts the calls. The controller closes it.
     */
    public PairController(Map<String, Object> clientProperties, ControlTopics topics, ScalingPolicy policy,
                          Clock clock, ScheduledExecutorService executor, Leadership leadership,
                          ControllerSettings settings, SlotReadiness slotReadiness,
                          Function<Map<String, Object>, Admin> adminFactory) {
        this.slotReadiness = Objects.requireNonNull(slotReadiness, "slotReadiness");
        this.clientProperties = Map.copyOf(clientProperties);
        this.topics = Objects.requireNonNull(topics, "topics");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.leadership = Objects.requireNonNull(leadership, "leadership");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.admin = Objects.requireNonNull(adminFactory.apply(this.clientProperties), "admin");
        this.cluster = new ClusterReader(admin);
        this.metrics = new MetricsReader(cluster);
        this.pairPartitions = new PairPartitions(cluster, settings.partitionsRefresh());
        this.fallback = new FenceFallback(cluster, book, settings.sessionTimeout());
        this.backoff = new PairBackoff(settings.tickInterval(), Duration.ofSeconds(5));
    }

    /** Creates missing topics, reads the state topic, opens the control channel and starts ticking. */
    public synchronized void start() {
        if (settings.createTopics()) {
            TopicSetup.ensure(admin, topics, settings.controlPartitions());
        }
        store = new StateStore(clientProperties, topics.state());
        channel = new ControlChannel(clientProperties, topics.control(), null, this::onControlRecord);
        leadershipHandle = leadership.onChange(leader -> executor.execute(() -> onLeadership(leader)));
        onLeadership(leadership.isLeader());
        long tick = settings.tickInterval().toMillis();
        ticking = executor.scheduleWithFixedDelay(this::tickSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    // ---- SlotTargets ----

    @Override
    public void register(PairSpec spec) {
        PairSpec previous = specs.put(spec.pair(), spec);
        if (previous == null || !previous.topics().equals(spec.topics())) {
            pairPartitions.forget(spec.pair());
        }
    }

    @Override
    public Optional<SlotTarget> target(PairKey pair, SlotName slot) {
        PairState s = states.get(pair);
        if (s != null) {
            return Optional.of(s.targetOf(slot));
        }
        return specs.containsKey(pair) ? Optional.of(SlotTarget.IDLE) : Optional.empty();
    }

    @Override
    public AutoCloseable watch(PairKey pair, SlotName slot, Consumer<SlotTarget> listener) {
        List<Consumer<SlotTarget>> list = watchers.computeIfAbsent(pair + "/" + slot.label(),
                k -> new CopyOnWriteArrayList<>());
        list.add(listener);
        return () -> list.remove(listener);
    }

    // ---- operator controls ----

    /** Asks for a walk to {@code replicas} workers (taken at the next tick, even while paused). */
    public OperatorResult requestResize(PairKey pair, int replicas) {
        if (replicas < 1) {
            return OperatorResult.refused("replicas must be >= 1, was " + replicas);
        }
        return request(pair, new OperatorRequest.Resize(replicas), "resize to " + replicas + " requested");
    }

    /** Asks to give up the walk in progress (refused once the barrier is published). */
    public OperatorResult requestRollback(PairKey pair) {
        return request(pair, new OperatorRequest.Rollback(), "rollback requested");
    }

    /** Pauses (true) or resumes (false) the policy's automatic decisions for the pair. */
    public synchronized OperatorResult setPaused(PairKey pair, boolean paused) {
        PairState s = states.get(pair);
        if (s == null) {
            return OperatorResult.refused("unknown pair " + pair);
        }
        if (!leading) {
            return OperatorResult.refused("this controller is not the leader");
        }
        if (s.paused() == paused) {
            return OperatorResult.accepted("pair " + pair + " already " + (paused ? "paused" : "running"));
        }
        apply(s, s.withPaused(paused, now()));
        return OperatorResult.accepted("pair " + pair + (paused ? " paused" : " resumed"));
    }

    private synchronized OperatorResult request(PairKey pair, OperatorRequest request, String ok) {
        PairState s = states.get(pair);
        if (s == null) {
            return OperatorResult.refused("unknown pair " + pair);
        }
        if (!leading) {
            return OperatorResult.refused("this controller is not the leader");
        }
        Optional<String> refusal = PairTransitions.refusal(s, request);
        if (refusal.isPresent()) {
            return OperatorResult.refused(refusal.get());
        }
        requests.put(pair, request);
        return OperatorResult.accepted(ok + " for " + pair);
    }

    /** Every known pair's state, by pair key. */
    public List<PairState> states() {
        List<PairState> all = new ArrayList<>(states.values());
        all.sort(Comparator.comparing(s -> s.pair().toString()));
        return all;
    }

    public Optional<PairState> state(PairKey pair) {
        return Optional.ofNullable(states.get(pair));
    }

    /** The registered spec of a pair. */
    public Optional<PairSpec> spec(PairKey pair) {
        return Optional.ofNullable(specs.get(pair));
    }

    /** Tells {@code value} about decisions and state writes from now on (one observer). */
    public void observe(ControllerObserver value) {
        observer = Objects.requireNonNull(value, "observer");
    }

    public boolean isLeading() {
        return leading;
    }

    // ---- the loop ----

    private void onLeadership(boolean leader) {
        synchronized (this) {
            if (leader == leading) {
                return;
            }
            Map<PairKey, PairState> stored = store.readAll();
            Instant now = now();
            for (PairState s : stored.values()) {
                PairState current = leader ? s.resumed(now) : s;
                if (leader) {
                    writeState(current);
                    LOG.info("pair {}: resumed in {} at epoch {}", s.pair(), s.phase(), current.epoch());
                }
                PairState before = states.put(current.pair(), current);
                publish(before, current);
            }
            leading = leader;
        }
    }

    /**
     * A status that answers a command may let a pair move: look at once instead of waiting for the
     * next tick (coalesced; such a look sends a command only if the state changed, so answers to
     * repeated commands cannot make a loop).
     */
    private void onControlRecord(ControlEnvelope envelope) {
        book.accept(envelope, now());
        if (leading && envelope.hasStatus() && envelope.getStatus().getAnswersCommandId() > 0
                && kickPending.compareAndSet(false, true)) {
            executor.execute(() -> {
                kickPending.set(false);
                try {
                    tick(false);
                } catch (RuntimeException e) {
                    LOG.warn("controller tick failed: {}", e.toString(), e);
                }
            });
        }
    }

    private void tickSafely() {
        try {
            tick(true);
        } catch (RuntimeException e) {
            LOG.warn("controller tick failed: {}", e.toString(), e);
        }
    }

    synchronized void tick(boolean scheduled) {
        Instant now = now();
        if (!leading) {
            if (scheduled && !now.isBefore(standbyReadAt.plus(settings.metricsInterval()))) {
                standbyReadAt = now;
                store.readAll().forEach((k, s) -> publish(states.put(k, s), s));
            }
            return;
        }
        // the Admin reads of every pair that is due, in one request each (see the class javadoc)
        pairPartitions.refresh(specs.values(), now).forEach((pair, why) -> LOG.warn("pair {}: {}", pair, why));
        Map<PairKey, Observation> observed = scheduled ? observeDue(now) : Map.of();
        for (PairSpec spec : specs.values()) {
            if (!backoff.due(spec.pair(), now)) {
                continue;
            }
            try {
                tick(spec, now, scheduled, observed.get(spec.pair()));
                backoff.succeeded(spec.pair());
            } catch (RuntimeException e) {
                LOG.warn("pair {}: tick failed (next try in {} ms): {}", spec.pair(),
                        backoff.failed(spec.pair(), now).toMillis(), e.toString());
            }
        }
    }

    /**
     * Observes every STEADY, unpaused pair whose metrics are due, all with one listOffsets and one
     * listConsumerGroupOffsets; the pairs with an observation (a first sample is only a baseline).
     */
    private Map<PairKey, Observation> observeDue(Instant now) {
        List<MetricsReader.Request> due = new ArrayList<>();
        for (PairSpec spec : specs.values()) {
            PairState s = states.get(spec.pair());
            Set<Partition> parts = pairPartitions.of(spec.pair());
            if (s != null && s.phase() == PairPhase.STEADY && !s.paused() && !parts.isEmpty()
                    && metricsDue(spec.pair(), now)) {
                due.add(new MetricsReader.Request(spec.pair(), spec.pair().groupId(s.active()), parts,
                        s.activeReplicas()));
            }
        }
        MetricsReader.Round round = metrics.observeAll(due, now);
        if (!round.unread().isEmpty()) {
            LOG.warn("metrics of {} of {} pair(s) not read this round{}: {}", round.unread().size(), due.size(),
                    round.problem().map(p -> " (" + p + ")").orElse(""),
                    round.unread().subList(0, Math.min(5, round.unread().size())));
        }
        return round.observations();
    }

    private void tick(PairSpec spec, Instant now, boolean scheduled, Observation observed) {
        PairKey pair = spec.pair();
        PairState s = states.get(pair);
        if (s == null) {
            if (!seedStartOffsets(spec, now)) {
                return;
            }
            s = PairState.starting(pair, spec.policy().minReplicas(), now);
            writeState(s);
            states.put(pair, s);
            publish(null, s);
            LOG.info("pair {}: first start, activating {} worker(s) of {}", pair, s.activeReplicas(), s.active().label());
        }
        Set<Partition> parts = partitionsOf(spec, now);
        List<WorkerReport> live = book.live(pair, now, settings.staleAfter());
        PairInputs in = PairInputs.of(parts, live).withPlanAllowed(settings.handoff() == ControllerSettings.Handoff.PLANNED);
        OperatorRequest request = requests.remove(pair);
        if (request != null) {
            in = in.withRequest(request);
        }
        PairState base = s;
        if (observed != null && s.phase() == PairPhase.STEADY && !s.paused()) {
            PolicyOutcome outcome = policy.decide(observed, spec.policy(), s.memory());
            observer.decided(spec, observed, outcome);
            base = s.withMemory(outcome.memory());
            in = in.withDecision(outcome.decision());
        }
        if (s.phase() == PairPhase.WARMING) {
            in = in.withPodsReady(slotReadiness.readyPods(spec, s.other()));
            if (s.planned() && !parts.isEmpty()) {
                in = in.withHandoffInputs(logEnds(pair, parts), book.progress(pair, s.active(), now));
            }
        }
        if (s.phase() == PairPhase.CUTTING_OVER && s.step() != CutoverStep.BARRIER
                && !now.isBefore(s.since().plus(spec.policy().fenceTimeout()))) {
            in = in.withFallback(fallback.offsets(s, parts, live, now), book.lastPositions(pair, s.active()));
        }
        PairState next = PairTransitions.next(base, in, spec.policy(), now);
        boolean moved = next.epoch() != s.epoch();
        if (!next.equals(s)) {
            apply(s, next);
        }
        if (scheduled || moved) {
            sendCommands(states.get(pair), live, now);
        }
    }

    private void writeState(PairState s) {
        long start = System.nanoTime();
        store.write(s);
        observer.stateWritten(Duration.ofNanos(System.nanoTime() - start));
    }

    private void apply(PairState before, PairState next) {
        writeState(next);
        states.put(next.pair(), next);
        if (next.epoch() != before.epoch() || next.phase() != before.phase()) {
            LOG.info("pair {}: {} -> {} at epoch {}: {}", next.pair(), before.phase(), next.phase(), next.epoch(),
                    next.reason());
        }
        publish(before, next);
    }

    private void publish(PairState before, PairState next) {
        for (SlotName slot : SlotName.values()) {
            SlotTarget old = before == null ? SlotTarget.IDLE : before.targetOf(slot);
            SlotTarget now = next.targetOf(slot);
            if (old.replicas() != now.replicas() || old.active() != now.active()) {
                for (Consumer<SlotTarget> w : watchers.getOrDefault(next.pair() + "/" + slot.label(), List.of())) {
                    try {
                        w.accept(now);
                    } catch (RuntimeException e) {
                        LOG.warn("slot target watcher failed: {}", e.toString());
                    }
                }
            }
        }
    }

    private void sendCommands(PairState s, List<WorkerReport> live, Instant now) {
        for (PhaseCommand c : PhaseCommand.of(s)) {
            List<WorkerReport> slotWorkers = live.stream().filter(w -> c.readers().contains(w.slot())).toList();
            boolean everyone = !slotWorkers.isEmpty() && slotWorkers.size() >= c.expectedWorkers()
                    && slotWorkers.stream().allMatch(w -> w.hasAnswered(c.commandId()));
            if (!everyone) {
                LOG.debug("pair {}: {} to {} at epoch {}, command {}", s.pair(), c.kind(), c.slot(), c.epoch(),
                        c.commandId());
                channel.send(CommandEncoder.encode(s.pair(), c, settings.controllerId(), now));
            }
        }
    }

    /** The log ends a planned handoff is bounded by; empty when they cannot be read (the walk then fences). */
    private Map<Partition, Long> logEnds(PairKey pair, Set<Partition> parts) {
        try {
            return cluster.endOffsets(parts);
        } catch (RuntimeException e) {
            LOG.warn("pair {}: log ends not read, a ready walk fences instead: {}", pair, e.getMessage());
            return Map.of();
        }
    }

    private boolean metricsDue(PairKey pair, Instant now) {
        Instant last = observedAt.get(pair);
        if (last == null || !now.isBefore(last.plus(settings.metricsInterval()))) {
            observedAt.put(pair, now);
            return true;
        }
        return false;
    }

    /**
     * Before a pair's first start: commit the log-end offset for every partition the first slot's
     * group never committed (see {@link StartOffsets}), so the activated workers have somewhere to
     * start. False (try again next tick) if that failed; true if done, if the partitions are not
     * known yet, or if the group already has members.
     */
    private boolean seedStartOffsets(PairSpec spec, Instant now) {
        Set<Partition> parts = partitionsOf(spec, now);
        String group = spec.pair().groupId(SlotName.BLUE);
        if (parts.isEmpty()) {
            LOG.warn("pair {}: partitions unknown at the first start; partitions of {} without a committed offset "
                    + "stay paused", spec.pair(), group);
            return true;
        }
        try {
            Map<Partition, Long> seeded = StartOffsets.seedMissing(admin, group, parts);
            if (!seeded.isEmpty()) {
                LOG.info("pair {}: first start; {} partition(s) of {} had no committed offset and start at the log end: "
                        + "{}",
                        spec.pair(), seeded.size(), group, new TreeMap<>(seeded));
            }
            return true;
        } catch (IllegalStateException e) {
            if (StartOffsets.groupHasMembers(e)) {
                LOG.warn("pair {}: {} already has members at the first start; its committed offsets are used as they "
                        + "are",
                        spec.pair(), group);
                return true;
            }
            LOG.warn("pair {}: cannot start yet: {}", spec.pair(), e.getMessage());
            return false;
        }
    }

    /** The pair's partitions; read now only if the tick's batched refresh did not try it yet (a new pair). */
    private Set<Partition> partitionsOf(PairSpec spec, Instant now) {
        pairPartitions.refresh(List.of(spec), now).forEach((pair, why) -> LOG.warn("pair {}: {}", pair, why));
        return pairPartitions.of(spec.pair());
    }

    /** The clock's time to the millisecond: what the state topic keeps, so a read-back state equals the live one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public synchronized void close() {
        leading = false;
        if (ticking != null) {
            ticking.cancel(false);
        }
        try {
            if (leadershipHandle != null) {
                leadershipHandle.close();
            }
        } catch (Exception e) {
            LOG.debug("closing leadership listener", e);
        }
        if (channel != null) {
            channel.close();
        }
        if (store != null) {
            store.close();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
