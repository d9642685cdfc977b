package io.shadowscale.scaler.controller;

import io.shadowscale.common.Partition;
import io.shadowscale.scaler.kafka.ClusterReader;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.WorkerReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds, after a fence timed out, which partitions may take the active group's committed offset
 * instead of a stop offset (at-least-once for them): those whose owner has left the group. Two
 * Admin calls per look (describeConsumerGroups, listConsumerGroupOffsets), the second only when
 * some owner has left.
 */
final class FenceFallback {
    private static final Logger LOG = LoggerFactory.getLogger(FenceFallback.class);

    private final ClusterReader cluster;
    private final WorkerBook book;
    private final Duration sessionTimeout;

    FenceFallback(ClusterReader cluster, WorkerBook book, Duration sessionTimeout) {
        this.cluster = cluster;
        this.book = book;
        this.sessionTimeout = sessionTimeout;
    }

    /**
     * Committed offsets of the active group for the partitions still missing a stop offset whose
     * owner has left: the owner (the last worker that reported the partition assigned) is no longer
     * among the group's members, or has been silent for {@code sessionTimeout}; a partition nobody
     * reported counts as left once the fence is {@code sessionTimeout} old.
     */
    Map<Partition, Long> offsets(PairState s, Set<Partition> parts, List<WorkerReport> live, Instant now) {
        Set<Partition> answered = new HashSet<>();
        live.stream()
                .filter(w -> w.slot() == s.active() && w.hasAnswered(s.commandId()))
                .forEach(w -> answered.addAll(w.stopOffsets().keySet()));
        String group = s.pair().groupId(s.active());
        Set<String> members;
        try {
            members = cluster.memberIdentities(group);
        } catch (RuntimeException e) {
            LOG.warn("pair {}: {}", s.pair(), e.getMessage());
            members = null;
        }
        List<Partition> gone = new ArrayList<>();
        for (Partition p : parts) {
            if (answered.contains(p)) {
                continue;
            }
            Optional<WorkerBook.Entry> owner = book.ownerOf(s.pair(), s.active(), p);
            boolean left;
            if (owner.isPresent()) {
                String id = owner.get().report().workerId();
                boolean member = members == null || members.stream().anyMatch(m -> m != null && m.contains(id));
                left = !member || !now.isBefore(owner.get().seen().plus(sessionTimeout));
            } else {
                left = !now.isBefore(s.since().plus(sessionTimeout));
            }
            if (left) {
                gone.add(p);
            }
        }
        if (gone.isEmpty()) {
            return Map.of();
        }
        Map<Partition, Long> committed = cluster.committed(group);
        Map<Partition, Long> result = new HashMap<>();
        gone.forEach(p -> {
            if (committed.containsKey(p)) {
                result.put(p, committed.get(p));
            }
        });
        return result;
    }
}
