package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns log-end and committed offsets into an {@link Observation} per pair: input rate = growth
 * of the summed log-end offsets since the previous sample, processed rate = growth of the summed
 * committed offsets, lag = sum over partitions of (log end - committed), a partition without a
 * commit counting 0. The first sample of a pair (or after the active group changed) only records
 * a baseline and yields nothing.
 *
 * <p>{@link #observeAll} reads every pair that is due in one round with two Admin requests in all
 * (one listOffsets for the union of their partitions, one listConsumerGroupOffsets for all their
 * active groups), not two per pair: with 1,000 pairs and a 5 s metrics interval that is a handful
 * of requests per interval instead of 400 per second.
 */
public final class MetricsReader {
    private final OffsetReads reads;
    private final Map<PairKey, Sample> last = new ConcurrentHashMap<>();

    public MetricsReader(OffsetReads reads) {
        this.reads = reads;
    }

    /**
     * One pair to observe in a round.
     *
     * @param pair the pair
     * @param activeGroup the consumer group of its active slot
     * @param partitions its input partitions
     * @param replicas the active slot's size
     */
    public record Request(PairKey pair, String activeGroup, Set<Partition> partitions, int replicas) {
        public Request {
            Objects.requireNonNull(pair, "pair");
            Objects.requireNonNull(activeGroup, "activeGroup");
            partitions = Set.copyOf(partitions);
        }
    }

    /**
     * What a round gave.
     *
     * @param observations pairs with an observation (a baseline sample gives none)
     * @param unread pairs whose offsets could not all be read (no sample taken)
     * @param problem why the reads failed as a whole, empty if they did not
     */
    public record Round(Map<PairKey, Observation> observations, List<PairKey> unread, Optional<String> problem) {
        public Round {
            observations = Map.copyOf(observations);
            unread = List.copyOf(unread);
        }
    }

    /** Observes every requested pair with one listOffsets and one listConsumerGroupOffsets in all. */
    public Round observeAll(List<Request> requests, Instant now) {
        if (requests.isEmpty()) {
            return new Round(Map.of(), List.of(), Optional.empty());
        }
        Set<Partition> partitions = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Request r : requests) {
            partitions.addAll(r.partitions());
            groups.add(r.activeGroup());
        }
        List<String> problems = new ArrayList<>();
        Map<Partition, Long> ends = Map.of();
        Map<String, Map<Partition, Long>> committed = Map.of();
        try {
            ends = reads.endOffsets(partitions);
        } catch (IllegalStateException e) {
            problems.add(e.getMessage());
        }
        if (problems.isEmpty()) {
            try {
                committed = reads.committed(groups);
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        Map<PairKey, Observation> observations = new HashMap<>();
        List<PairKey> unread = new ArrayList<>();
        for (Request r : requests) {
            Map<Partition, Long> groupOffsets = committed.get(r.activeGroup());
            if (groupOffsets == null || !ends.keySet().containsAll(r.partitions())) {
                unread.add(r.pair());
                continue;
            }
            observe(r.pair(), r.activeGroup(), r.partitions(), r.replicas(), now, ends, groupOffsets)
                    .ifPresent(o -> observations.put(r.pair(), o));
        }
        return new Round(observations, unread, problems.stream().findFirst());
    }

    /** The same for one pair from already-read offsets (no Admin call). */
    Optional<Observation> observe(
            PairKey pair,
            String activeGroup,
            Set<Partition> partitions,
            int replicas,
            Instant now,
            Map<Partition, Long> ends,
            Map<Partition, Long> committed) {
        long endSum = 0;
        long committedSum = 0;
        long lag = 0;
        for (Partition p : partitions) {
            long end = ends.getOrDefault(p, 0L);
            endSum += end;
            Long c = committed.get(p);
            if (c != null) {
                committedSum += c;
                lag += Math.max(0, end - c);
            }
        }
        Sample current = new Sample(now, activeGroup, endSum, committedSum);
        Sample previous = last.put(pair, current);
        if (previous == null || !previous.group.equals(activeGroup) || !now.isAfter(previous.at)) {
            return Optional.empty();
        }
        double seconds = Duration.between(previous.at, now).toNanos() / 1e9;
        double input = Math.max(0, endSum - previous.endSum) / seconds;
        double processed = Math.max(0, committedSum - previous.committedSum) / seconds;
        return Optional.of(new Observation(now, Math.max(1, partitions.size()), replicas, input, processed, lag));
    }

    private record Sample(Instant at, String group, long endSum, long committedSum) {}
}
