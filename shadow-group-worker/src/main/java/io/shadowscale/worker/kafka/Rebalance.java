package io.shadowscale.worker.kafka;

import io.shadowscale.worker.model.CommitKind;
import io.shadowscale.worker.model.StartPosition;
import io.shadowscale.worker.model.WorkerMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The slot group's view of this member's partitions, applied on the poll thread (the consumer calls
 * it from inside {@code poll}). An ACTIVE worker starts a newly assigned partition at the later of
 * the group's committed offset and the last start offset it knows for it ({@link StartPosition});
 * with neither it stays paused, and during a planned handoff it is held from the plan
 * ({@link HandoffActions#assigned}). Other modes keep new partitions paused.
 */
final class Rebalance implements ConsumerRebalanceListener {
    private static final Logger LOG = LoggerFactory.getLogger(Rebalance.class);

    private final LoopState st;
    private final ShadowWarmup warmup;
    private final HandoffActions handoff;
    private int generation;

    Rebalance(LoopState st, ShadowWarmup warmup, HandoffActions handoff) {
        this.st = st;
        this.warmup = warmup;
        this.handoff = handoff;
    }

    /** Increases with every assignment change this member saw. */
    int generation() {
        return generation;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        Map<TopicPartition, Long> stopping = new HashMap<>();
        revoked.forEach(tp -> {
            Long position = st.parts.started.get(tp);
            if (position != null) {
                stopping.put(tp, position);
            }
        });
        if (st.mode == WorkerMode.ACTIVE && !stopping.isEmpty() && !st.outputs.exactlyOnce()) {
            st.outputs.flush();
            st.commits.timed(CommitKind.OFFSETS, () -> st.consumer.commitSync(LoopState.offsets(stopping)));
        }
        forget(revoked, stopping.keySet());
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        Set<TopicPartition> stopping =
                lost.stream().filter(st.parts.started::containsKey).collect(Collectors.toSet());
        forget(lost, stopping);
    }

    private void forget(Collection<TopicPartition> gone, Set<TopicPartition> stopping) {
        stopping.forEach(st.outputs::release);
        if (!stopping.isEmpty()) {
            st.processor.partitionsStopped(List.copyOf(stopping));
        }
        gone.forEach(tp -> {
            st.parts.assigned.remove(tp);
            st.parts.started.remove(tp);
            st.parts.shadowPositions.remove(tp);
            st.parts.limits.remove(tp);
            st.parts.limitSeen.remove(tp);
            st.prefetch.stop(tp);
            st.pump.drop(tp);
        });
        changed();
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> added) {
        st.parts.assigned.addAll(added);
        changed();
        if (added.isEmpty()) {
            return;
        }
        Set<TopicPartition> fresh = Set.copyOf(added);
        if (st.mode == WorkerMode.ACTIVE) {
            Map<TopicPartition, Long> committed = st.committed(fresh);
            Map<TopicPartition, Long> starting = new HashMap<>();
            List<TopicPartition> paused = new ArrayList<>();
            for (TopicPartition tp : fresh) {
                StartPosition decision =
                        StartPosition.decide(optional(committed.get(tp)), optional(st.parts.barrierKnown.get(tp)));
                decision.startOffset().ifPresentOrElse(offset -> starting.put(tp, offset), () -> paused.add(tp));
            }
            st.park(paused);
            st.startAt(starting);
            handoff.assigned(paused);
            LOG.info("{}: assigned {} while ACTIVE: started {}, paused {}", st.id(), fresh, starting, paused);
        } else {
            st.park(fresh);
            try {
                if (st.mode == WorkerMode.SHADOW) {
                    warmup.position(fresh);
                } else if (st.mode == WorkerMode.DRAINING) {
                    st.parts.stopOffsets.putAll(st.committed(fresh));
                }
            } catch (Exception e) {
                LOG.warn("{}: could not position {}: {}", st.id(), fresh, e.toString());
            }
        }
    }

    private void changed() {
        generation++;
        warmup.reset("assignment changed");
        st.changed = true;
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
