package io.shadowscale.worker.kafka;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.Secrets;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.CommandKind;
import io.shadowscale.worker.model.CommandTable;
import io.shadowscale.worker.model.EpochGuard;
import io.shadowscale.worker.model.Reaction;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import io.shadowscale.worker.processor.RecordProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop: the only thread that touches the slot-group consumer, and a shell that
 * carries out what the pure steps decide ({@link CommandTable} for commands, {@code HandoffStep}
 * for the planned handoff through {@link HandoffActions}). Commands and releases arrive through
 * {@link #submit(ControlEnvelope)} (from the control-channel thread) into a queue that the loop
 * drains between polls. While no partition is fetched the loop waits on that queue, so a command is
 * taken as soon as it arrives; while records flow, a command waits at most one poll timeout (one
 * millisecond while a planned handoff waits on a release or a limit). The mode changes only through
 * {@link WorkerMode#transitionTo}. The protocol is told in {@code docs/design/handoff.md}.
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration SNAPSHOT_PERIOD = Duration.ofMillis(100);
    /** Longest poll while a planned handoff waits: a release is taken within about a millisecond. */
    private static final Duration HANDOFF_POLL = Duration.ofMillis(1);

    private static final Object SHUTDOWN = new Object();

    private final WorkerConfig config;
    private final Secrets secrets;
    private final Clock clock;
    private final StatusListener listener;
    private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
    private final LoopState st;
    private final HandoffActions handoff;
    private final FenceBarrier fenceBarrier;
    private volatile WorkerSnapshot snapshot = WorkerSnapshot.idle();

    private EpochGuard epochs = EpochGuard.initial();
    private GroupProbe probe;
    private ShadowWarmup warmup;
    private Rebalance rebalance;
    private boolean leaving;
    private String failure = "";
    private Instant nextCommit = Instant.MIN;
    private Instant nextSnapshot = Instant.MIN;

    /**
     * @param listener gets the worker's status on every change and as the answer to every command
     * @param releases sends a planned handoff's release of this worker's partitions
     */
    public ConsumerLoop(
            WorkerConfig config,
            RecordProcessor processor,
            Clock clock,
            StatusListener listener,
            HandoffActions.ReleaseSender releases) {
        this.config = config;
        this.secrets = config.secrets();
        this.clock = clock;
        this.listener = listener;
        this.st = new LoopState(config, processor, clock, () -> !requests.isEmpty());
        this.handoff = new HandoffActions(st, releases);
        this.fenceBarrier = new FenceBarrier(st);
    }

    /** Queues a control envelope for the loop (any thread). */
    public void submit(ControlEnvelope envelope) {
        requests.add(envelope);
    }

    /** The commits' timing, to observe (the metrics). */
    public CommitTimes commits() {
        return st.commits;
    }

    /** Asks the loop to stop: an ACTIVE worker fences itself (stops, commits), then leaves the group. */
    public void shutdown() {
        requests.add(SHUTDOWN);
    }

    public WorkerSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public void run() {
        try {
            probe = new GroupProbe(
                    config.clientProperties(),
                    config.groupId() + "." + config.workerId() + ".admin",
                    Duration.ofSeconds(10));
            warmup = new ShadowWarmup(st, probe);
            rebalance = new Rebalance(st, warmup, handoff);
            while (true) {
                // Nothing to fetch (no consumer yet, or every partition paused): wait on the command
                // queue, not in the consumer's poll, so a command is taken the moment it arrives.
                Object request = fetching()
                        ? requests.poll()
                        : requests.poll(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                while (request != null) {
                    if (request == SHUTDOWN) {
                        stop();
                        return;
                    }
                    handle((ControlEnvelope) request);
                    request = requests.poll();
                }
                if (st.consumer != null) {
                    pollOnce(!fetching() ? Duration.ZERO : handoff.waiting() ? HANDOFF_POLL : config.pollTimeout());
                }
                refresh(false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            logError("poll loop of " + config.workerId() + " stopped", e);
            failure = secrets.redact(e.toString());
            refresh(true);
            closeClients();
        }
    }

    /** True while some partition is started or held: the consumer's poll is where records come from. */
    private boolean fetching() {
        return st.consumer != null && (!st.parts.started.isEmpty() || st.prefetch.any());
    }

    private void pollOnce(Duration pollTimeout) throws Exception {
        // With records waiting, the consumer is only asked for what it has at hand, and not at all
        // while a round's worth per started partition waits (memory stays bounded).
        int waiting = st.pump.waiting();
        if (waiting < config.maxPollRecords() * Math.max(2, st.parts.started.size())) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = st.consumer.poll(waiting == 0 ? pollTimeout : Duration.ZERO);
            } catch (NoOffsetForPartitionException e) {
                LOG.warn(
                        "{}: no offset for {}; kept paused until a barrier names one",
                        config.workerId(),
                        e.partitions());
                st.park(e.partitions());
                return;
            }
            if (st.mode == WorkerMode.ACTIVE && !records.isEmpty()) {
                st.pump.take(st.consumer, records, st.prefetch::tailing);
                if (st.prefetch.any()) {
                    warmup.hold(records, st.parts.started.keySet());
                }
            } else if (st.mode == WorkerMode.SHADOW && !records.isEmpty()) {
                warmup.hold(records, Set.of());
            }
        }
        if (st.mode == WorkerMode.ACTIVE && st.pump.waiting() > 0 && st.pump.workOffRound(st.consumer)) {
            handoff.afterRound();
            return; // a command waits: take it before anything else
        }
        handoff.afterRound();
        Instant now = clock.instant();
        if (st.mode == WorkerMode.ACTIVE && !st.outputs.exactlyOnce() && !now.isBefore(nextCommit)) {
            st.outputs.flush();
            if (!st.parts.started.isEmpty()) {
                st.consumer.commitAsync(LoopState.offsets(st.parts.started), st.commits.async((offsets, error) -> {
                    if (error != null) {
                        LOG.warn("{}: asynchronous commit failed: {}", config.workerId(), error.toString());
                    }
                }));
            }
            nextCommit = now.plus(config.commitInterval());
        }
        if (st.mode == WorkerMode.SHADOW) {
            warmup.check(now);
        }
    }

    private void handle(ControlEnvelope envelope) {
        if (!PairKey.fromProto(envelope.getPair()).equals(config.pair())) {
            return;
        }
        if (envelope.hasRelease()) {
            if (config.protocolVersion() >= 2 && epochs.admits(envelope.getEpoch()) && st.consumer != null) {
                handoff.released(envelope.getRelease(), envelope.getEpoch(), envelope.getSentAtMs());
                refresh(false);
            }
            return;
        }
        if (!envelope.hasCommand()) {
            return;
        }
        if (!epochs.admits(envelope.getEpoch())) {
            LOG.info(
                    "{}: ignored a command of epoch {} (newest seen {})",
                    config.workerId(),
                    envelope.getEpoch(),
                    epochs.newest());
            return;
        }
        epochs = epochs.observe(envelope.getEpoch());
        Command command = envelope.getCommand();
        CommandKind kind = CommandKinds.of(command, config);
        boolean mine = kind == CommandKind.HANDOFF_OUT
                || kind == CommandKind.HANDOFF_IN
                || (command.getSlot() == config.slot().toProto()
                        && (command.getWorkerId().isEmpty()
                                || command.getWorkerId().equals(config.workerId())));
        if (kind == CommandKind.FENCE && command.getSlot() != config.slot().toProto()) {
            fenceBarrier.otherSlotFenced(envelope.getEpoch(), envelope.getSentAtMs());
        }
        if (!mine || kind == null) {
            return;
        }
        Reaction reaction = CommandTable.react(st.mode, kind);
        String refused = "";
        try {
            if (reaction instanceof Reaction.Move move) {
                LOG.info(
                        "{}: {} (command {}, epoch {}): {} -> {}",
                        config.workerId(),
                        kind,
                        command.getCommandId(),
                        envelope.getEpoch(),
                        st.mode,
                        move.target());
                carryOut(kind, command, move.target(), envelope);
            } else if (reaction instanceof Reaction.Stay) {
                repeat(kind, command, envelope);
            } else if (reaction instanceof Reaction.Refuse refuse) {
                refused = refuse.reason();
                LOG.warn("{}: {}", config.workerId(), refused);
            }
        } catch (Exception e) {
            refused = secrets.redact(kind + " failed in " + st.mode + ": " + e);
            logError(config.workerId() + ": " + kind + " failed in " + st.mode, e);
        }
        refresh(false);
        listener.onStatus(snapshot(true), command.getCommandId(), refused);
    }

    private void carryOut(CommandKind kind, Command command, WorkerMode target, ControlEnvelope envelope)
            throws Exception {
        long epoch = envelope.getEpoch();
        switch (kind) {
            case WARM -> {
                warmup.warm(command.getWarm());
                st.mode = st.mode.transitionTo(target);
                openConsumer();
            }
            case ACTIVATE -> {
                if (st.mode == WorkerMode.DRAINING) {
                    if (handoff.handedOver()) {
                        throw new IllegalStateException(
                                "the worker released its partitions in a planned handoff; the new slot owns them");
                    }
                    fenceBarrier.unfence();
                } else {
                    st.mode = st.mode.transitionTo(target);
                    openConsumer();
                }
            }
            case FENCE -> fenceBarrier.fence(target);
            case BARRIER -> fenceBarrier.barrier(command.getBarrier(), target, probe, epoch, envelope.getSentAtMs());
            case HANDOFF_IN, HANDOFF_OUT -> handoff.planned(command.getHandoff(), epoch);
            case DRAIN, ABORT -> leave(target);
        }
    }

    private void repeat(CommandKind kind, Command command, ControlEnvelope envelope) throws Exception {
        long epoch = envelope.getEpoch();
        if (kind == CommandKind.WARM) {
            warmup.warm(command.getWarm());
        } else if (kind == CommandKind.BARRIER && st.mode == WorkerMode.ACTIVE) {
            fenceBarrier.barrier(command.getBarrier(), WorkerMode.ACTIVE, probe, epoch, envelope.getSentAtMs());
        } else if (kind == CommandKind.HANDOFF_IN || kind == CommandKind.HANDOFF_OUT) {
            handoff.planned(command.getHandoff(), epoch);
        }
        // FENCE in DRAINING: the stop offsets are reported again as they are; the rest has nothing to do.
    }

    private void openConsumer() {
        st.consumer = KafkaClients.consumer(config);
        st.consumer.subscribe(config.topics(), rebalance);
        warmup.reset("joining");
        st.changed = true;
    }

    private void leave(WorkerMode target) {
        closeConsumer();
        st.parts.clear();
        st.prefetch.clear();
        st.pump.dropAll();
        warmup.clear();
        handoff.clear();
        fenceBarrier.forgetFence();
        st.mode = st.mode.transitionTo(target);
        st.changed = true;
    }

    private void stop() {
        leaving = true;
        if (st.mode == WorkerMode.ACTIVE) {
            fenceBarrier.fence(WorkerMode.DRAINING);
        }
        refresh(true);
        listener.onStatus(snapshot, 0, "");
        if (st.mode != WorkerMode.IDLE) {
            leave(WorkerMode.IDLE);
        }
        refresh(true);
        closeClients();
    }

    private void refresh(boolean force) {
        Instant now = clock.instant();
        if (force || st.changed || !now.isBefore(nextSnapshot)) {
            snapshot = snapshot(false);
            nextSnapshot = now.plus(SNAPSHOT_PERIOD);
            if (st.changed) {
                st.changed = false;
                listener.onStatus(snapshot, 0, "");
            }
        }
    }

    private WorkerSnapshot snapshot(boolean fresh) {
        if (fresh) {
            snapshot = snapshot(false);
            return snapshot;
        }
        boolean ready =
                st.mode == WorkerMode.ACTIVE || (st.mode == WorkerMode.SHADOW && warmup != null && warmup.ready());
        return st.parts
                .snapshot(st.mode)
                .epoch(epochs.newest())
                .ready(ready)
                .recordsProcessed(st.pump.processed())
                .assignmentGeneration(rebalance == null ? 0 : rebalance.generation())
                .lastFence(fenceBarrier.lastFence())
                .lastHandoff(handoff.starts() > 0 ? handoff.lastStart() : fenceBarrier.lastBarrier())
                .fences(fenceBarrier.fences())
                .handoffs(fenceBarrier.barriers() + handoff.starts())
                .leaving(leaving)
                .failure(failure)
                .heldRecords(st.prefetch.held())
                .handoffGaps(List.copyOf(st.gaps.values()))
                .build();
    }

    /** Logs with the stack trace, unless a message in the cause chain quotes a secret: then the redacted chain only. */
    private void logError(String what, Throwable e) {
        String cause = secrets.describe(e);
        if (cause.equals(Secrets.of(Map.of()).describe(e))) {
            LOG.error(what, e);
        } else {
            LOG.error("{}: {}", what, cause);
        }
    }

    private void closeConsumer() {
        if (st.consumer != null) {
            try {
                st.consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("{}: consumer close: {}", config.workerId(), e.toString());
            }
            st.consumer = null;
        }
        st.outputs.close();
    }

    private void closeClients() {
        closeConsumer();
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}
