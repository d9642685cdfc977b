package io.shadowscale.worker.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.Secrets;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.model.CommandKind;
import io.shadowscale.worker.model.CommandTable;
import io.shadowscale.worker.model.EpochGuard;
import io.shadowscale.worker.model.Reaction;
import io.shadowscale.worker.model.Readiness;
import io.shadowscale.worker.model.StartPosition;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.model.WorkerSnapshot;
import io.shadowscale.worker.processor.RecordProcessor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.NoOffsetForPartitionException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's poll loop: the only thread that touches the slot-group consumer. Commands arrive
 * through {@link #submit(ControlEnvelope)} (from the control-channel thread) into a queue that the
 * loop drains between polls. While no partition is started (SHADOW, or ACTIVE before its barrier)
 * the loop waits on that queue and polls the consumer without blocking, so a barrier is taken as
 * soon as it arrives; while records flow, a command waits at most one poll timeout. Each command is looked
 * up in {@link CommandTable}; the mode changes only through {@link WorkerMode#transitionTo}.
 * See {@link io.shadowscale.worker.Worker} for the handoff.
 */
public final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration SNAPSHOT_PERIOD = Duration.ofMillis(100);
    private static final Object SHUTDOWN = new Object();
    /** How long a ready SHADOW worker waits for its read-ahead to reach the log end before it says ready anyway. */
    static final Duration READ_AHEAD_CATCH_UP_LIMIT = Duration.ofSeconds(5);

    private final WorkerConfig config;
    /** Takes credentials out of messages that reach logs and status records. */
    private final Secrets secrets;
    private final RecordProcessor processor;
    private final Clock clock;
    private final StatusListener listener;
    private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
    private final OutputProducers outputs;
    private final PartitionBook parts = new PartitionBook();
    private final Prefetch prefetch;
    /** ACTIVE processing: the backlog of returned records, worked off in rounds. */
    private final RecordPump pump;
    private volatile WorkerSnapshot snapshot = WorkerSnapshot.idle();

    private WorkerMode mode = WorkerMode.IDLE;
    private EpochGuard epochs = EpochGuard.initial();
    private KafkaConsumer<byte[], byte[]> consumer;
    private GroupProbe probe;
    private String activeGroup = "";
    private int expectedWorkers;
    private Readiness readiness = new Readiness(false, "not warmed");
    /** SHADOW: the slot group's stability, described without blocking the loop. */
    private GroupWatch group;
    private int generation;
    private boolean changed;
    private boolean leaving;
    private String failure = "";
    private Instant nextCommit = Instant.MIN;
    private Instant nextReadyCheck = Instant.MIN;
    private Instant nextSnapshot = Instant.MIN;
    private Duration lastFence = Duration.ZERO;
    private Duration lastHandoff = Duration.ZERO;
    private long fences;
    private long handoffs;

    public ConsumerLoop(WorkerConfig config, RecordProcessor processor, Clock clock, StatusListener listener) {
        this.config = config;
        this.secrets = this.config.secrets();
        this.processor = processor;
        this.clock = clock;
        this.listener = listener;
        this.outputs = new OutputProducers(config);
        // exactly-once processing reads committed transactions at the barrier itself: no read-ahead
        this.prefetch = new Prefetch(config.exactlyOnce() ? 0 : config.prefetchRecords());
        this.pump = new RecordPump(config.workerId(), processor, outputs, parts, clock, config.maxPollRecords(),
                () -> !requests.isEmpty(), () -> changed = true);
    }

    /** Queues a control envelope for the loop (any thread). */
    public void submit(ControlEnvelope envelope) {
        requests.add(envelope);
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
            probe = new GroupProbe(config.clientProperties(), config.groupId() + "." + config.workerId() + ".admin",
                    Duration.ofSeconds(10));
            group = new GroupWatch(probe, config.groupId(), secrets);
            while (true) {
                // Nothing to fetch (no consumer yet, or every partition paused): wait on the command
                // queue, not in the consumer's poll, so a barrier is taken the moment it arrives.
                Object request = fetching() ? requests.poll()
                        : requests.poll(config.pollTimeout().toMillis(), TimeUnit.MILLISECONDS);
                while (request != null) {
                    if (request == SHUTDOWN) {
                        stop();
                        return;
                    }
                    handle((ControlEnvelope) request);
                    request = requests.poll();
                }
                if (consumer != null) {
                    pollOnce(fetching() ? config.pollTimeout() : Duration.ZERO);
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

    /** True while some partition is started or read ahead: the consumer's poll is where records come from. */
    private boolean fetching() {
        return consumer != null && (!parts.started.isEmpty() || prefetch.any());
    }

    private void pollOnce(Duration pollTimeout) throws Exception {
        // With records waiting, the consumer is only asked for what it has at hand, and not at all
        // while a round's worth per started partition waits (memory stays bounded).
        int waiting = pump.waiting();
        if (waiting < config.maxPollRecords() * Math.max(2, parts.started.size())) {
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = consumer.poll(waiting == 0 ? pollTimeout : Duration.ZERO);
            } catch (NoOffsetForPartitionException e) {
                LOG.warn("{}: no offset for {}; kept paused until a barrier names one", config.workerId(), e.partitions());
                park(e.partitions());
                return;
            }
            if (mode == WorkerMode.ACTIVE && !records.isEmpty()) {
                pump.take(consumer, records);
            } else if (mode == WorkerMode.SHADOW && !records.isEmpty()) {
                readAhead(records);
            }
        }
        if (mode == WorkerMode.ACTIVE && pump.waiting() > 0 && pump.workOffRound(consumer)) {
            return; // a command waits: take it before anything else
        }
        Instant now = clock.instant();
        if (mode == WorkerMode.ACTIVE && !outputs.exactlyOnce() && !now.isBefore(nextCommit)) {
            outputs.flush();
            if (!parts.started.isEmpty()) {
                consumer.commitAsync(offsets(parts.started), (offsets, error) -> {
                    if (error != null) {
                        LOG.warn("{}: asynchronous commit failed: {}", config.workerId(), error.toString());
                    }
                });
            }
            nextCommit = now.plus(config.commitInterval());
        }
        if (mode == WorkerMode.SHADOW) {
            checkShadow(now);
        }
    }

    /** SHADOW and ready: resumes every positioned partition not yet read ahead, at its shadow position. */
    private void startReadAhead() {
        List<TopicPartition> resuming = new ArrayList<>();
        parts.shadowPositions.forEach((tp, offset) -> {
            if (parts.assigned.contains(tp) && !prefetch.tailing(tp)) {
                prefetch.start(tp, offset);
                resuming.add(tp);
            }
        });
        if (!resuming.isEmpty()) {
            consumer.resume(resuming);
            LOG.info("{}: reading ahead {} from the active group's committed offsets", config.workerId(), resuming);
        }
    }

    /** SHADOW: holds what the consumer returned for read-ahead partitions; anything else goes back, paused. */
    private void readAhead(ConsumerRecords<byte[], byte[]> records) {
        List<TopicPartition> other = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            if (prefetch.tailing(tp)) {
                prefetch.add(tp, batch);
            } else {
                consumer.seek(tp, batch.get(0).offset());
                other.add(tp);
            }
        }
        if (!other.isEmpty()) {
            consumer.pause(other);
        }
    }

    private void handle(ControlEnvelope envelope) {
        if (!envelope.hasCommand() || !PairKey.fromProto(envelope.getPair()).equals(config.pair())) {
            return;
        }
        if (!epochs.admits(envelope.getEpoch())) {
            LOG.info("{}: ignored a command of epoch {} (newest seen {})", config.workerId(), envelope.getEpoch(),
                    epochs.newest());
            return;
        }
        epochs = epochs.observe(envelope.getEpoch());
        Command command = envelope.getCommand();
        boolean mine = command.getSlot() == config.slot().toProto()
                && (command.getWorkerId().isEmpty() || command.getWorkerId().equals(config.workerId()));
        CommandKind kind = kindOf(command);
        if (!mine || kind == null) {
            return;
        }
        Reaction reaction = CommandTable.react(mode, kind);
        String refused = "";
        try {
            if (reaction instanceof Reaction.Move move) {
                LOG.info("{}: {} (command {}, epoch {}): {} -> {}", config.workerId(), kind, command.getCommandId(),
                        envelope.getEpoch(), mode, move.target());
                carryOut(kind, command, move.target());
            } else if (reaction instanceof Reaction.Stay) {
                repeat(kind, command);
            } else if (reaction instanceof Reaction.Refuse refuse) {
                refused = refuse.reason();
                LOG.warn("{}: {}", config.workerId(), refused);
            }
        } catch (Exception e) {
            refused = secrets.redact(kind + " failed in " + mode + ": " + e);
            logError(config.workerId() + ": " + kind + " failed in " + mode, e);
        }
        refresh(false);
        listener.onStatus(snapshot(true), command.getCommandId(), refused);
    }

    private void carryOut(CommandKind kind, Command command, WorkerMode target) throws Exception {
        switch (kind) {
            case WARM -> {
                activeGroup = command.getWarm().getActiveGroup();
                expectedWorkers = command.getWarm().getExpectedWorkers();
                mode = mode.transitionTo(target);
                openConsumer();
            }
            case ACTIVATE -> {
                mode = mode.transitionTo(target);
                openConsumer();
            }
            case FENCE -> fence(target);
            case BARRIER -> barrier(command.getBarrier(), target);
            case DRAIN, ABORT -> leave(target);
        }
    }

    private void repeat(CommandKind kind, Command command) throws Exception {
        if (kind == CommandKind.WARM) {
            activeGroup = command.getWarm().getActiveGroup();
            expectedWorkers = command.getWarm().getExpectedWorkers();
        } else if (kind == CommandKind.BARRIER && mode == WorkerMode.ACTIVE) {
            barrier(command.getBarrier(), WorkerMode.ACTIVE);
        }
        // FENCE in DRAINING: the stop offsets are reported again as they are; the rest has nothing to do.
    }

    private void openConsumer() {
        consumer = KafkaClients.consumer(config);
        consumer.subscribe(config.topics(), new Rebalance());
        resetReadiness("joining");
        nextReadyCheck = clock.instant();
        changed = true;
    }

    /** Stops every partition at its position, commits, records the stop offsets of every assigned partition. */
    private void fence(WorkerMode target) {
        Instant start = clock.instant();
        List<TopicPartition> stopping = List.copyOf(parts.started.keySet());
        consumer.pause(consumer.assignment());
        if (!outputs.exactlyOnce()) {
            outputs.flush();
            if (!parts.started.isEmpty()) {
                consumer.commitSync(offsets(parts.started));
            }
        }
        parts.stopOffsets.clear();
        parts.stopOffsets.putAll(parts.started);
        Set<TopicPartition> rest = new HashSet<>(parts.assigned);
        rest.removeAll(parts.started.keySet());
        parts.stopOffsets.putAll(committed(rest));
        parts.started.clear();
        pump.dropAll(); // unprocessed: the stop offsets are where the next owner starts
        stopping.forEach(outputs::release);
        processor.partitionsStopped(stopping);
        mode = mode.transitionTo(target);
        lastFence = Duration.between(start, clock.instant());
        fences++;
        changed = true;
        LOG.info("{}: fenced in {} ms at {}", config.workerId(), lastFence.toMillis(), parts.stopOffsets);
    }

    /**
     * Starts every assigned, not yet started partition the barrier names exactly at its offset,
     * and commits those offsets so a later move inside this group starts right.
     */
    private void barrier(Barrier barrier, WorkerMode target) throws Exception {
        Instant start = clock.instant();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionOffset po : barrier.getOffsetsList()) {
            offsets.put(new TopicPartition(po.getTopic(), po.getPartition()), po.getOffset());
        }
        List<TopicPartition> waiting = parts.assigned.stream().filter(tp -> !parts.started.containsKey(tp)).toList();
        if (!barrier.getSourceGroup().isEmpty() && !waiting.isEmpty()) {
            waiting.forEach(outputs::claim); // exactly-once: fence the previous owners before reading their offsets
            probe.committedOffsets(barrier.getSourceGroup(), waiting, true)
                    .forEach((tp, offset) -> offsets.merge(tp, offset, Math::max));
        }
        parts.barrierKnown.putAll(offsets);
        Map<TopicPartition, Long> starting = new HashMap<>();
        waiting.stream().filter(offsets::containsKey).forEach(tp -> starting.put(tp, offsets.get(tp)));
        startAt(starting);
        List<TopicPartition> notStarted = prefetch.partitions().stream().filter(tp -> !starting.containsKey(tp)).toList();
        notStarted.forEach(prefetch::stop);
        if (!notStarted.isEmpty()) {
            consumer.pause(notStarted);
        }
        if (!starting.isEmpty()) {
            consumer.commitAsync(offsets(starting), null);
        }
        parts.shadowPositions.clear();
        parts.stopOffsets.clear();
        if (mode != target) {
            mode = mode.transitionTo(target);
        }
        if (!starting.isEmpty()) {
            lastHandoff = Duration.between(start, clock.instant());
            handoffs++;
            LOG.info("{}: started {} partitions at the barrier in {} ms", config.workerId(), starting.size(),
                    lastHandoff.toMillis());
        }
        changed = true;
    }

    private void startAt(Map<TopicPartition, Long> starting) {
        if (starting.isEmpty()) {
            return;
        }
        int fromMemory = 0;
        int held = 0;
        for (Map.Entry<TopicPartition, Long> e : starting.entrySet()) {
            TopicPartition tp = e.getKey();
            long offset = e.getValue();
            outputs.claim(tp);
            Prefetch.Start start = prefetch.takeFrom(tp, offset);
            pump.started(tp, start.held(), start.seek() ? "seek" : start.held().size() + " held");
            if (start.seek()) {
                consumer.seek(tp, offset);
            } else {
                // the consumer goes on from where the read-ahead got to
                fromMemory++;
                held += start.held().size();
            }
            parts.started.put(tp, offset);
            parts.fenced.remove(tp);
        }
        if (fromMemory > 0) {
            LOG.info("{}: {} of {} partitions start from the read-ahead ({} records held from their barriers on)",
                    config.workerId(), fromMemory, starting.size(), held);
        }
        consumer.resume(starting.keySet());
        processor.partitionsStarted(List.copyOf(starting.keySet()));
    }

    private void leave(WorkerMode target) {
        closeConsumer();
        parts.clear();
        prefetch.clear();
        pump.dropAll();
        activeGroup = "";
        resetReadiness("idle");
        mode = mode.transitionTo(target);
        changed = true;
    }

    private void stop() {
        leaving = true;
        if (mode == WorkerMode.ACTIVE) {
            fence(WorkerMode.DRAINING);
        }
        refresh(true);
        listener.onStatus(snapshot, 0, "");
        if (mode != WorkerMode.IDLE) {
            leave(WorkerMode.IDLE);
        }
        refresh(true);
        closeClients();
    }

    /**
     * SHADOW: every ready-check interval, positions what is not read ahead yet and asks for a group
     * description; the verdict is taken on the first loop after the description arrives.
     */
    private void checkShadow(Instant now) {
        if (group.collect(now, consumer.groupMetadata().memberId(), expectedWorkers, Set.copyOf(parts.assigned))) {
            decideReadiness(now);
        }
        if (now.isBefore(nextReadyCheck)) {
            return;
        }
        nextReadyCheck = now.plus(config.readyCheckInterval());
        try {
            position(parts.assigned.stream().filter(tp -> !prefetch.tailing(tp)).toList());
            group.ask();
        } catch (Exception e) {
            group.reset(secrets.redact("group check failed: " + e));
            LOG.warn("{}: {}", config.workerId(), group.verdict().reason());
        }
        decideReadiness(now);
    }

    /** The group's verdict, then (reading ahead) whether the read-ahead reached the log end. */
    private void decideReadiness(Instant now) {
        Readiness next = group.verdict();
        if (next.ready() && prefetch.enabled()) {
            startReadAhead();
            next = next.afterReadAhead(readAheadLag(), config.maxPollRecords(), group.readyFor(now),
                    READ_AHEAD_CATCH_UP_LIMIT);
        }
        if (next.ready() != readiness.ready()) {
            LOG.info("{}: {} ({})", config.workerId(), next.ready() ? "ready" : "not ready", next.reason());
            changed = true;
        }
        readiness = next;
    }

    /** The most records a read-ahead partition is behind the log end; -1 while some partition's lag is unknown. */
    private long readAheadLag() {
        long most = 0;
        for (TopicPartition tp : prefetch.partitions()) {
            OptionalLong lag = consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return -1;
            }
            most = Math.max(most, lag.getAsLong());
        }
        return most;
    }

    /** SHADOW: seeks the given partitions to the active group's committed offsets (paused). */
    private void position(Collection<TopicPartition> partitions) throws Exception {
        if (activeGroup.isEmpty() || partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> active = probe.committedOffsets(activeGroup, partitions, false);
        active.forEach((tp, offset) -> {
            if (!parts.assigned.contains(tp) || offset.equals(parts.shadowPositions.get(tp))) {
                return;
            }
            parts.shadowPositions.put(tp, offset);
            if (!prefetch.tailing(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    /** Keeps partitions paused with a placeholder position (never fetched): slot groups never guess offsets. */
    private void park(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return; // seekToEnd of no partitions means every assigned partition
        }
        consumer.pause(partitions);
        consumer.seekToEnd(partitions);
    }

    private Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (!partitions.isEmpty()) {
            consumer.committed(partitions).forEach((tp, om) -> {
                if (om != null) {
                    result.put(tp, om.offset());
                }
            });
        }
        return result;
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(Map<TopicPartition, Long> positions) {
        return positions.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())));
    }

    private static CommandKind kindOf(Command command) {
        return switch (command.getKindCase()) {
            case WARM -> CommandKind.WARM;
            case FENCE -> CommandKind.FENCE;
            case BARRIER -> CommandKind.BARRIER;
            case DRAIN -> CommandKind.DRAIN;
            case ABORT -> CommandKind.ABORT;
            case ACTIVATE -> CommandKind.ACTIVATE;
            case KIND_NOT_SET -> null;
        };
    }

    /** The group's view of this member's partitions, applied on the poll thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Map<TopicPartition, Long> stopping = new HashMap<>();
            revoked.forEach(tp -> {
                Long position = parts.started.get(tp);
                if (position != null) {
                    stopping.put(tp, position);
                }
            });
            if (mode == WorkerMode.ACTIVE && !stopping.isEmpty() && !outputs.exactlyOnce()) {
                outputs.flush();
                consumer.commitSync(offsets(stopping));
            }
            forget(revoked, stopping.keySet());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            Set<TopicPartition> stopping = lost.stream().filter(parts.started::containsKey).collect(Collectors.toSet());
            forget(lost, stopping);
        }

        private void forget(Collection<TopicPartition> gone, Set<TopicPartition> stopping) {
            stopping.forEach(outputs::release);
            if (!stopping.isEmpty()) {
                processor.partitionsStopped(List.copyOf(stopping));
            }
            gone.forEach(tp -> {
                parts.assigned.remove(tp);
                parts.started.remove(tp);
                parts.shadowPositions.remove(tp);
                prefetch.stop(tp);
                pump.drop(tp);
            });
            assignmentChanged();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            parts.assigned.addAll(added);
            assignmentChanged();
            if (added.isEmpty()) {
                return;
            }
            Set<TopicPartition> fresh = Set.copyOf(added);
            if (mode == WorkerMode.ACTIVE) {
                Map<TopicPartition, Long> committed = committed(fresh);
                Map<TopicPartition, Long> starting = new HashMap<>();
                List<TopicPartition> paused = new ArrayList<>();
                for (TopicPartition tp : fresh) {
                    StartPosition decision = StartPosition.decide(optional(committed.get(tp)),
                            optional(parts.barrierKnown.get(tp)));
                    decision.startOffset().ifPresentOrElse(offset -> starting.put(tp, offset), () -> paused.add(tp));
                }
                park(paused);
                startAt(starting);
                LOG.info("{}: assigned {} while ACTIVE: started {}, paused {}", config.workerId(), fresh, starting, paused);
            } else {
                park(fresh);
                try {
                    if (mode == WorkerMode.SHADOW) {
                        position(fresh);
                    } else if (mode == WorkerMode.DRAINING) {
                        parts.stopOffsets.putAll(committed(fresh));
                    }
                } catch (Exception e) {
                    LOG.warn("{}: could not position {}: {}", config.workerId(), fresh, e.toString());
                }
            }
        }

        private void assignmentChanged() {
            generation++;
            resetReadiness("assignment changed");
            nextReadyCheck = clock.instant();
            changed = true;
        }
    }

    /** Not ready for {@code why}. */
    private void resetReadiness(String why) {
        readiness = new Readiness(false, why);
        group.reset(why);
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private void refresh(boolean force) {
        Instant now = clock.instant();
        if (force || changed || !now.isBefore(nextSnapshot)) {
            snapshot = snapshot(false);
            nextSnapshot = now.plus(SNAPSHOT_PERIOD);
            if (changed) {
                changed = false;
                listener.onStatus(snapshot, 0, "");
            }
        }
    }

    private WorkerSnapshot snapshot(boolean fresh) {
        if (fresh) {
            snapshot = snapshot(false);
            return snapshot;
        }
        return parts.snapshot(mode, epochs.newest(),
                mode == WorkerMode.ACTIVE || (mode == WorkerMode.SHADOW && readiness.ready()), pump.processed(),
                generation, lastFence, lastHandoff, fences, handoffs, leaving, failure);
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
        if (consumer != null) {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("{}: consumer close: {}", config.workerId(), e.toString());
            }
            consumer = null;
        }
        outputs.close();
    }

    private void closeClients() {
        closeConsumer();
        if (probe != null) {
            probe.close();
            probe = null;
        }
    }
}
