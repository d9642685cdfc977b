package io.shadowscale.worker.kafka;

import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.HandoffGap;
import io.shadowscale.worker.model.WorkerMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fence/barrier walk (poll thread only), the fallback of the planned handoff and what a
 * version-1 controller sends: a Fence stops every partition at once, commits and reports the stop
 * offsets; a Barrier starts the named partitions exactly at their offsets.
 */
final class FenceBarrier {
    private static final Logger LOG = LoggerFactory.getLogger(FenceBarrier.class);

    private final LoopState st;
    private Duration lastFence = Duration.ZERO;
    private Duration lastBarrier = Duration.ZERO;
    private long fences;
    private long barriers;
    /** The epoch and send time of the first Fence to the other slot seen since this worker was last IDLE. */
    private long fenceEpoch;

    private long fenceSentAtMillis;

    FenceBarrier(LoopState st) {
        this.st = st;
    }

    Duration lastFence() {
        return lastFence;
    }

    Duration lastBarrier() {
        return lastBarrier;
    }

    long fences() {
        return fences;
    }

    long barriers() {
        return barriers;
    }

    /** A Fence to the other slot (the old owners stop on it): where the gaps of the next barrier start. */
    void otherSlotFenced(long epoch, long sentAtMillis) {
        if (epoch > fenceEpoch) {
            fenceEpoch = epoch;
            fenceSentAtMillis = sentAtMillis;
        }
    }

    /** Back to IDLE: a fence seen before belongs to an earlier walk. */
    void forgetFence() {
        fenceEpoch = 0;
        fenceSentAtMillis = 0;
    }

    /** Stops every partition at its position, commits, records the stop offsets of every assigned partition. */
    void fence(WorkerMode target) {
        Instant start = st.clock.instant();
        List<TopicPartition> stopping = List.copyOf(st.parts.started.keySet());
        st.consumer.pause(st.consumer.assignment());
        if (!st.outputs.exactlyOnce()) {
            st.outputs.flush();
            if (!st.parts.started.isEmpty()) {
                st.commits.timed(CommitKind.OFFSETS, () -> st.consumer.commitSync(LoopState.offsets(st.parts.started)));
            }
        }
        st.parts.stopOffsets.clear();
        st.parts.stopOffsets.putAll(st.parts.started);
        Set<TopicPartition> rest = new HashSet<>(st.parts.assigned);
        rest.removeAll(st.parts.started.keySet());
        st.parts.stopOffsets.putAll(st.committed(rest));
        st.parts.started.clear();
        st.parts.limits.clear();
        st.pump.dropAll(); // unprocessed: the stop offsets are where the next owner starts
        stopping.forEach(st.outputs::release);
        st.processor.partitionsStopped(stopping);
        st.mode = st.mode.transitionTo(target);
        lastFence = Duration.between(start, st.clock.instant());
        fences++;
        st.changed = true;
        LOG.info("{}: fenced in {} ms at {}", st.id(), lastFence.toMillis(), st.parts.stopOffsets);
    }

    /**
     * Back to ACTIVE after a fence, at the stop offsets it committed (an Activate in DRAINING: the
     * walk rolled back before a barrier, so no other worker started these partitions).
     */
    void unfence() {
        Map<TopicPartition, Long> starting = new HashMap<>(st.parts.stopOffsets);
        starting.keySet().retainAll(st.parts.assigned);
        st.parts.stopOffsets.clear();
        st.startAt(starting);
        st.mode = st.mode.transitionTo(WorkerMode.ACTIVE);
        st.changed = true;
        LOG.info("{}: active again after a fence, at {}", st.id(), starting);
    }

    /**
     * Starts every assigned, not yet started partition the barrier names exactly at its offset,
     * and commits those offsets so a later move inside this group starts right. Each partition's
     * gap is measured from the other slot's fence (from the barrier's {@code sentAtMillis} when no
     * fence was seen, as for a takeover without one).
     */
    void barrier(Barrier barrier, WorkerMode target, GroupProbe probe, long epoch, long sentAtMillis) throws Exception {
        Instant start = st.clock.instant();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (PartitionOffset po : barrier.getOffsetsList()) {
            offsets.put(new TopicPartition(po.getTopic(), po.getPartition()), po.getOffset());
        }
        List<TopicPartition> waiting = st.parts.assigned.stream()
                .filter(tp -> !st.parts.started.containsKey(tp))
                .toList();
        if (!barrier.getSourceGroup().isEmpty() && !waiting.isEmpty()) {
            waiting.forEach(st.outputs::claim); // exactly-once: fence the previous owners before reading their offsets
            probe.committedOffsets(barrier.getSourceGroup(), waiting, true)
                    .forEach((tp, offset) -> offsets.merge(tp, offset, Math::max));
        }
        st.parts.barrierKnown.putAll(offsets);
        Map<TopicPartition, Long> starting = new HashMap<>();
        waiting.stream().filter(offsets::containsKey).forEach(tp -> starting.put(tp, offsets.get(tp)));
        st.startAt(starting);
        long stopped = fenceEpoch > 0 && fenceEpoch <= epoch ? fenceSentAtMillis : sentAtMillis;
        Instant now = st.clock.instant();
        starting.keySet().forEach(tp -> st.gap(HandoffGap.between(LoopState.id(tp), epoch, stopped, now)));
        List<TopicPartition> notStarted = st.prefetch.partitions().stream()
                .filter(tp -> !starting.containsKey(tp))
                .toList();
        notStarted.forEach(st.prefetch::stop);
        if (!notStarted.isEmpty()) {
            st.consumer.pause(notStarted);
        }
        if (!starting.isEmpty()) {
            st.consumer.commitAsync(LoopState.offsets(starting), st.commits.async(null));
        }
        st.parts.shadowPositions.clear();
        st.parts.stopOffsets.clear();
        if (st.mode != target) {
            st.mode = st.mode.transitionTo(target);
        }
        if (!starting.isEmpty()) {
            lastBarrier = Duration.between(start, st.clock.instant());
            barriers++;
            LOG.info(
                    "{}: started {} partitions at the barrier in {} ms",
                    st.id(),
                    starting.size(),
                    lastBarrier.toMillis());
        }
        st.changed = true;
    }
}
