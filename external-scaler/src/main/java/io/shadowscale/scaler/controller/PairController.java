package io.shadowscale.scaler.controller;

import io.shadowscale.control.ControlChannel;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.scaler.kafka.StateStore;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.OperatorRequest;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PairTransitions;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.SlotTarget;
import io.shadowscale.scaler.model.SlotTargets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
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
 *
 * <p>Built by name with {@link #builder()}. The work is shared with package-private collaborators:
 * {@link TickLoop} (when to look), {@link PairTick} (one pair's look), {@link PairReads} (the Admin
 * calls), {@link PairStates} (the states, their writes and the slot watchers), {@link CommandSender}
 * (the control topic).
 */
public final class PairController implements SlotTargets, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairController.class);

    private final ControlTopics topics;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final Leadership leadership;
    private final ControllerSettings settings;
    private final Map<String, Object> clientProperties;
    private final PairReads reads;
    private final WorkerBook book = new WorkerBook();
    private final Map<PairKey, PairSpec> specs = new ConcurrentHashMap<>();
    private final PairStates states = new PairStates();
    private final CommandSender commands;
    private final PairTick pairTick;
    private final TickLoop loop;
    /** A pair whose tick failed waits before its next one (its failed Kafka calls then do not hold up the others'). */
    private final PairBackoff backoff;

    private AutoCloseable leadershipHandle;
    private volatile boolean leading;
    private Instant standbyReadAt = Instant.EPOCH;

    private PairController(Builder b) {
        this.clientProperties = Map.copyOf(Objects.requireNonNull(b.clientProperties, "clientProperties"));
        this.topics = Objects.requireNonNull(b.topics, "topics");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.executor = Objects.requireNonNull(b.executor, "executor");
        this.leadership = Objects.requireNonNull(b.leadership, "leadership");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        ScalingPolicy policy = Objects.requireNonNull(b.policy, "policy");
        SlotReadiness slotReadiness = Objects.requireNonNull(b.slotReadiness, "slotReadiness");
        Admin admin = Objects.requireNonNull(
                Objects.requireNonNull(b.adminFactory, "adminFactory").apply(clientProperties), "admin");
        this.reads = new PairReads(admin, settings);
        this.commands = new CommandSender(settings.controllerId());
        this.pairTick =
                new PairTick(new PairTick.Books(reads, states, book, commands), policy, slotReadiness, settings);
        this.backoff = new PairBackoff(settings.tickInterval(), Duration.ofSeconds(5));
        this.loop = new TickLoop(executor, settings.tickInterval(), this::tick);
    }

    /** A builder; client properties, topics, policy and executor have no default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Creates missing topics, reads the state topic, opens the control channel and starts ticking. */
    public synchronized void start() {
        if (settings.createTopics()) {
            reads.ensureTopics(topics, settings.controlPartitions());
        }
        states.open(new StateStore(clientProperties, topics.state()));
        commands.open(new ControlChannel(clientProperties, topics.control(), null, this::onControlRecord));
        leadershipHandle = leadership.onChange(leader -> executor.execute(() -> onLeadership(leader)));
        onLeadership(leadership.isLeader());
        loop.start();
    }

    // ---- SlotTargets ----

    @Override
    public void register(PairSpec spec) {
        PairSpec previous = specs.put(spec.pair(), spec);
        if (previous == null || !previous.topics().equals(spec.topics())) {
            reads.forget(spec.pair());
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
        return states.watch(pair, slot, listener);
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
        states.apply(s, s.withPaused(paused, now()));
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
        pairTick.queue(pair, request);
        return OperatorResult.accepted(ok + " for " + pair);
    }

    /** Every known pair's state, by pair key. */
    public List<PairState> states() {
        return states.sorted();
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
        states.observe(Objects.requireNonNull(value, "observer"));
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
            Map<PairKey, PairState> stored = states.readStored();
            Instant now = now();
            for (PairState s : stored.values()) {
                PairState current = leader ? s.resumed(now) : s;
                if (leader) {
                    states.write(current);
                    LOG.info("pair {}: resumed in {} at epoch {}", s.pair(), s.phase(), current.epoch());
                }
                states.keep(current);
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
        if (leading && envelope.hasStatus() && envelope.getStatus().getAnswersCommandId() > 0) {
            loop.kick();
        }
    }

    synchronized void tick(boolean scheduled) {
        Instant now = now();
        if (!leading) {
            if (scheduled && !now.isBefore(standbyReadAt.plus(settings.metricsInterval()))) {
                standbyReadAt = now;
                states.readStored().values().forEach(states::keep);
            }
            return;
        }
        // the Admin reads of every pair that is due, in one request each (see the class javadoc)
        reads.refreshPartitions(specs.values(), now);
        Map<PairKey, Observation> observed = scheduled ? reads.observeDue(specs.values(), states::get, now) : Map.of();
        for (PairSpec spec : specs.values()) {
            if (!backoff.due(spec.pair(), now)) {
                continue;
            }
            try {
                pairTick.run(spec, now, scheduled, observed.get(spec.pair()));
                backoff.succeeded(spec.pair());
            } catch (RuntimeException e) {
                LOG.warn(
                        "pair {}: tick failed (next try in {} ms): {}",
                        spec.pair(),
                        backoff.failed(spec.pair(), now).toMillis(),
                        e.toString());
            }
        }
    }

    /** The clock's time to the millisecond: what the state topic keeps, so a read-back state equals the live one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public synchronized void close() {
        leading = false;
        loop.stop();
        try {
            if (leadershipHandle != null) {
                leadershipHandle.close();
            }
        } catch (Exception e) {
            LOG.debug("closing leadership listener", e);
        }
        commands.close();
        states.close();
        reads.close();
    }

    /** Builds a {@link PairController} by name; nothing runs until {@link PairController#start()}. */
    public static final class Builder {
        private Map<String, Object> clientProperties;
        private ControlTopics topics;
        private ScalingPolicy policy;
        private Clock clock = Clock.systemUTC();
        private ScheduledExecutorService executor;
        private Leadership leadership = Leadership.always();
        private ControllerSettings settings = ControllerSettings.defaults();
        private SlotReadiness slotReadiness = SlotReadiness.unknown();
        private Function<Map<String, Object>, Admin> adminFactory = Admin::create;

        private Builder() {}

        /** Bootstrap servers and security settings for the Admin, producer and consumers (required). */
        public Builder clientProperties(Map<String, Object> value) {
            clientProperties = value;
            return this;
        }

        /** The environment's control and state topics (required). */
        public Builder topics(ControlTopics value) {
            topics = value;
            return this;
        }

        /** Decides sizes while a pair is STEADY (required). */
        public Builder policy(ScalingPolicy value) {
            policy = value;
            return this;
        }

        /** The only source of time for decisions; default the system clock in UTC. */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** Runs the ticks (one thread is enough; the controller never blocks it for long); required. */
        public Builder executor(ScheduledExecutorService value) {
            executor = value;
            return this;
        }

        /** Only the leader walks; default {@link Leadership#always()}. Started and closed by its owner. */
        public Builder leadership(Leadership value) {
            leadership = value;
            return this;
        }

        /** How the controller runs; default {@link ControllerSettings#defaults()}. */
        public Builder settings(ControllerSettings value) {
            settings = value;
            return this;
        }

        /**
         * Asked while a pair is WARMING (must not block): with Kubernetes, a walk cuts over only once
         * the waking slot's Deployment has as many ready pods as its target. Default unknown (the
         * workers' reports decide alone).
         */
        public Builder slotReadiness(SlotReadiness value) {
            slotReadiness = value;
            return this;
        }

        /**
         * Makes the Admin client from the client properties (the load bench passes one that counts
         * the calls); the controller closes it. Default {@link Admin#create(Map)}.
         */
        public Builder adminFactory(Function<Map<String, Object>, Admin> value) {
            adminFactory = value;
            return this;
        }

        /**
         * The controller; it creates its Admin client here.
         *
         * @throws NullPointerException naming a required value that is missing
         */
        public PairController build() {
            return new PairController(this);
        }
    }
}
