package io.shadowscale.worker.kafka;

import io.shadowscale.control.proto.Warm;
import io.shadowscale.worker.model.Readiness;
import io.shadowscale.worker.model.WorkerMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SHADOW worker's warm-up (poll thread only): whether its slot group is stable with the expected
 * members, described without blocking the loop ({@link GroupWatch}); for a fence/barrier walk, the
 * positions at the active group's committed offsets and the read-ahead from there ({@link Prefetch}).
 * A warm-up for a planned handoff ({@code Warm.planned}) keeps every partition paused: the Handoff
 * says where each starts.
 */
final class ShadowWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowWarmup.class);
    /** How long a ready SHADOW worker waits for its read-ahead to reach the log end before it says ready anyway. */
    static final Duration READ_AHEAD_CATCH_UP_LIMIT = Duration.ofSeconds(5);

    private final LoopState st;
    private final GroupProbe probe;
    private final GroupWatch group;
    private String activeGroup = "";
    private int expectedWorkers;
    private boolean planned;
    private Readiness readiness = new Readiness(false, "not warmed");
    private Instant nextReadyCheck = Instant.MIN;

    ShadowWarmup(LoopState st, GroupProbe probe) {
        this.st = st;
        this.probe = probe;
        this.group = new GroupWatch(probe, st.config.groupId(), st.secrets);
    }

    /** Takes (or takes again) what a Warm command says; a version-1 worker ignores {@code planned}. */
    void warm(Warm warm) {
        activeGroup = warm.getActiveGroup();
        expectedWorkers = warm.getExpectedWorkers();
        planned = warm.getPlanned() && st.config.protocolVersion() >= 2;
    }

    boolean ready() {
        return readiness.ready();
    }

    /** Not ready for {@code why}; the next loop checks again at once. */
    void reset(String why) {
        readiness = new Readiness(false, why);
        group.reset(why);
        nextReadyCheck = st.clock.instant();
    }

    /** Back to IDLE: forgets the walk. */
    void clear() {
        activeGroup = "";
        planned = false;
        reset("idle");
    }

    /**
     * Every ready-check interval, positions what is not read ahead yet and asks for a group
     * description; the verdict is taken on the first loop after the description arrives.
     */
    void check(Instant now) {
        if (group.collect(
                now, st.consumer.groupMetadata().memberId(), expectedWorkers, Set.copyOf(st.parts.assigned))) {
            decide(now);
        }
        if (now.isBefore(nextReadyCheck)) {
            return;
        }
        nextReadyCheck = now.plus(st.config.readyCheckInterval());
        try {
            position(st.parts.assigned.stream()
                    .filter(tp -> !st.prefetch.tailing(tp))
                    .toList());
            group.ask();
        } catch (Exception e) {
            group.reset(st.secrets.redact("group check failed: " + e));
            LOG.warn("{}: {}", st.id(), group.verdict().reason());
        }
        decide(now);
    }

    /** The group's verdict, then (reading ahead) whether the read-ahead reached the log end. */
    private void decide(Instant now) {
        Readiness next = group.verdict();
        if (next.ready() && readsAhead()) {
            startReadAhead();
            next = next.afterReadAhead(
                    readAheadLag(), st.config.maxPollRecords(), group.readyFor(now), READ_AHEAD_CATCH_UP_LIMIT);
        }
        if (next.ready() != readiness.ready()) {
            LOG.info("{}: {} ({})", st.id(), next.ready() ? "ready" : "not ready", next.reason());
            st.changed = true;
        }
        readiness = next;
    }

    private boolean readsAhead() {
        return st.prefetch.enabled() && !planned;
    }

    /** SHADOW and ready: resumes every positioned partition not yet read ahead, at its shadow position. */
    private void startReadAhead() {
        List<TopicPartition> resuming = new ArrayList<>();
        st.parts.shadowPositions.forEach((tp, offset) -> {
            if (st.parts.assigned.contains(tp) && !st.prefetch.tailing(tp)) {
                st.prefetch.start(tp, offset);
                resuming.add(tp);
            }
        });
        if (!resuming.isEmpty()) {
            st.consumer.resume(resuming);
            LOG.info("{}: reading ahead {} from the active group's committed offsets", st.id(), resuming);
        }
    }

    /** The most records a read-ahead partition is behind the log end; -1 while some partition's lag is unknown. */
    private long readAheadLag() {
        long most = 0;
        for (TopicPartition tp : st.prefetch.partitions()) {
            OptionalLong lag = st.consumer.currentLag(tp);
            if (lag.isEmpty()) {
                return -1;
            }
            most = Math.max(most, lag.getAsLong());
        }
        return most;
    }

    /**
     * Holds what the consumer returned for tailing partitions (SHADOW read-ahead, or a planned
     * handoff's partitions waiting for their release); anything else goes back, paused. A full
     * planned hold stops fetching until its partition starts.
     */
    void hold(ConsumerRecords<byte[], byte[]> records, Set<TopicPartition> except) {
        List<TopicPartition> other = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            if (except.contains(tp)) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> batch = records.records(tp);
            long full = st.prefetch.tailing(tp)
                    ? st.prefetch.add(tp, batch)
                    : batch.get(0).offset();
            if (full >= 0) {
                st.consumer.seek(tp, full);
                other.add(tp);
            }
        }
        if (!other.isEmpty()) {
            st.consumer.pause(other);
        }
    }

    /** SHADOW: seeks the given partitions to the active group's committed offsets (paused); nothing when planned. */
    void position(Collection<TopicPartition> partitions) throws Exception {
        if (activeGroup.isEmpty() || partitions.isEmpty() || planned || st.mode != WorkerMode.SHADOW) {
            return;
        }
        Map<TopicPartition, Long> active = probe.committedOffsets(activeGroup, partitions, false);
        active.forEach((tp, offset) -> {
            if (!st.parts.assigned.contains(tp) || offset.equals(st.parts.shadowPositions.get(tp))) {
                return;
            }
            st.parts.shadowPositions.put(tp, offset);
            if (!st.prefetch.tailing(tp)) {
                st.consumer.seek(tp, offset);
            }
        });
    }
}
