package io.shadowscale.worker.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Handoff;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Release;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.HandoffStep;
import io.shadowscale.worker.model.HandoffStep.Action;
import io.shadowscale.worker.model.HandoffStep.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the planned handoff (poll thread only): turns Handoff commands, releases of the other
 * slot, partitions reaching their limit and assignments into {@link HandoffStep} events, and runs
 * the actions the step returns on the consumer. The decisions are all in {@link HandoffStep}.
 */
public final class HandoffActions {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffActions.class);

    /** Sends a release of this worker's partitions to the control topic at once. */
    @FunctionalInterface
    public interface ReleaseSender {
        /** {@code stoppedAtMillis}: the wall clock when the partitions stopped, before the output flush. */
        void send(long epoch, Map<Partition, Long> offsets, long stoppedAtMillis);
    }

    private final LoopState st;
    private final ReleaseSender sender;
    private HandoffStep.State state = HandoffStep.State.NONE;
    private Instant plannedAt = Instant.MIN;
    private long epoch;
    private Duration lastStart = Duration.ZERO;
    private long starts;
    /** New owner: when the old owner stopped each released partition not started yet (its wall clock). */
    private final Map<Partition, Long> stoppedAt = new HashMap<>();

    HandoffActions(LoopState st, ReleaseSender sender) {
        this.st = st;
        this.sender = sender;
    }

    /** A Handoff command of {@code commandEpoch} for this worker's slot, on either side. */
    void planned(Handoff handoff, long commandEpoch) {
        SlotName mine = st.config.slot();
        HandoffStep.Role role =
                SlotName.fromProto(handoff.getFromSlot()) == mine ? HandoffStep.Role.FROM : HandoffStep.Role.TO;
        Map<Partition, Long> offsets = new HashMap<>();
        for (PartitionOffset po : handoff.getOffsetsList()) {
            offsets.put(new Partition(po.getTopic(), po.getPartition()), po.getOffset());
        }
        epoch = Math.max(epoch, commandEpoch);
        HandoffStep.Plan plan = new HandoffStep.Plan(commandEpoch, role, offsets);
        if (state.plan()
                .filter(p -> p.role() == role && p.offsets().equals(offsets))
                .isEmpty()) {
            plannedAt = st.clock.instant();
        }
        apply(HandoffStep.step(st.mode, partitions(), state, new Event.Planned(plan)));
    }

    /** A release from a worker of the other slot, sent at {@code sentAtMillis} (the envelope's time). */
    void released(Release release, long releaseEpoch, long sentAtMillis) {
        if (release.getSlot() == st.config.slot().toProto() || state.plan().isEmpty()) {
            return;
        }
        Map<Partition, Long> offsets = new HashMap<>();
        for (PartitionOffset po : release.getOffsetsList()) {
            offsets.put(new Partition(po.getTopic(), po.getPartition()), po.getOffset());
        }
        if (state.plan().get().role() == HandoffStep.Role.TO
                && releaseEpoch >= state.plan().get().epoch()) {
            // a partition the group gives this member later starts here too (StartPosition)
            st.parts.barrierKnown.putAll(LoopState.tps(offsets));
            long stopped = release.getStoppedAtMs() != 0 ? release.getStoppedAtMs() : sentAtMillis;
            offsets.keySet().forEach(p -> stoppedAt.put(p, stopped));
        }
        apply(HandoffStep.step(st.mode, partitions(), state, new Event.Released(releaseEpoch, offsets)));
    }

    /** Slot handing over: releases the partitions that processed everything below their limit. */
    void afterRound() {
        if (st.parts.limits.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> reached = st.pump.reached();
        if (!reached.isEmpty()) {
            apply(HandoffStep.step(st.mode, partitions(), state, new Event.Reached(LoopState.ids(reached))));
        }
    }

    /** Partitions assigned while ACTIVE with no start offset known (kept paused so far). */
    void assigned(Collection<TopicPartition> paused) {
        if (state.plan().isEmpty() || paused.isEmpty()) {
            return;
        }
        Set<Partition> ids = new HashSet<>();
        paused.forEach(tp -> ids.add(LoopState.id(tp)));
        apply(HandoffStep.step(st.mode, partitions(), state, new Event.Assigned(ids)));
    }

    /** True while this worker waits on a handoff step (holding for a release, or processing up to a limit). */
    boolean waiting() {
        return !st.parts.limits.isEmpty()
                || st.parts.assigned.stream()
                        .anyMatch(tp -> !st.parts.started.containsKey(tp) && st.prefetch.tailing(tp));
    }

    /** True once this worker is the old owner of a planned handoff (it releases, or released, its partitions). */
    boolean handedOver() {
        return state.plan().filter(p -> p.role() == HandoffStep.Role.FROM).isPresent();
    }

    /** Back to IDLE: no handoff. */
    void clear() {
        state = HandoffStep.State.NONE;
        stoppedAt.clear();
    }

    Duration lastStart() {
        return lastStart;
    }

    long starts() {
        return starts;
    }

    private HandoffStep.Partitions partitions() {
        return new HandoffStep.Partitions(
                st.parts.assigned.stream().map(LoopState::id).collect(Collectors.toSet()),
                LoopState.ids(st.parts.started));
    }

    private void apply(HandoffStep.Result result) {
        state = result.state();
        Map<TopicPartition, Long> starting = new HashMap<>();
        List<TopicPartition> holding = new ArrayList<>();
        for (Action action : result.actions()) {
            if (action instanceof Action.Start start) {
                starting.put(LoopState.tp(start.partition()), start.offset());
                continue;
            }
            start(starting);
            if (action instanceof Action.Hold hold) {
                TopicPartition tp = LoopState.tp(hold.partition());
                st.consumer.seek(tp, hold.offset());
                st.prefetch.hold(tp, hold.offset());
                holding.add(tp);
            } else if (action instanceof Action.Limit limit) {
                st.pump.limit(LoopState.tp(limit.partition()), limit.offset());
            } else if (action instanceof Action.Release release) {
                release(LoopState.tps(release.offsets()));
            }
        }
        start(starting);
        if (!holding.isEmpty()) {
            st.consumer.resume(holding); // one call for all: each is a round trip to the consumer's network thread
        }
        if (result.mode() != st.mode) {
            LOG.info("{}: planned handoff: {} -> {}", st.id(), st.mode, result.mode());
            st.mode = st.mode.transitionTo(result.mode());
            st.changed = true;
        }
    }

    /** Starts partitions at their released offsets and commits those offsets in this slot's group. */
    private void start(Map<TopicPartition, Long> starting) {
        if (starting.isEmpty()) {
            return;
        }
        st.startAt(starting);
        st.consumer.commitAsync(LoopState.offsets(starting), st.commits.async(null));
        Instant now = st.clock.instant();
        long planEpoch = state.plan().map(HandoffStep.Plan::epoch).orElse(epoch);
        for (TopicPartition tp : starting.keySet()) {
            Long stopped = stoppedAt.remove(LoopState.id(tp));
            if (stopped != null) {
                st.gap(HandoffGap.between(LoopState.id(tp), planEpoch, stopped, now));
            }
        }
        lastStart = Duration.between(plannedAt, now);
        starts++;
        LOG.debug("{}: started {} at their releases, {} ms after the plan", st.id(), starting, lastStart.toMillis());
        starting.clear();
    }

    /**
     * Stops partitions at their offsets: output flushed, the release sent at once, then the offsets
     * committed in this slot's group. The new owner starts at the offset the release names, so the
     * commit (what the fallback for a crashed owner and a rollback read) need not be in the gap: an
     * owner that crashes before its commit landed leaves either a delivered release (the new owner
     * starts there) or none (the fallback takes the committed offset: at least once, as for any crash).
     */
    private void release(Map<TopicPartition, Long> stopping) {
        Instant begin = st.clock.instant();
        if (!st.outputs.exactlyOnce()) {
            st.outputs.flush(); // the output is durable before the next owner's follows it
        } // exactly-once: the last transaction of each partition committed its output and offset
        sender.send(epoch, LoopState.ids(stopping), begin.toEpochMilli());
        st.consumer.pause(stopping.keySet());
        if (!st.outputs.exactlyOnce()) {
            st.commits.timed(CommitKind.OFFSETS, () -> st.consumer.commitSync(LoopState.offsets(stopping)));
        }
        for (TopicPartition tp : stopping.keySet()) {
            st.parts.started.remove(tp);
            st.parts.limits.remove(tp);
            st.parts.limitSeen.remove(tp);
            st.pump.drop(tp);
            st.outputs.release(tp);
        }
        st.parts.stopOffsets.putAll(stopping);
        st.processor.partitionsStopped(List.copyOf(stopping.keySet()));
        st.changed = true;
        LOG.debug(
                "{}: released {} in {} ms",
                st.id(),
                stopping,
                Duration.between(begin, st.clock.instant()).toMillis());
    }
}
