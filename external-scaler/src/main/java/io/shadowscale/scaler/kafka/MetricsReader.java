package io.shadowscale.scaler.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.Partition;

/**
 * Turns two Admin reads per poll and pair (listOffsets latest of every partition, and
 * listConsumerGroupOffsets of the active group) into an {@link Observation}: input rate = growth
 * of the summed log-end offsets since the previous sample, processed rate = growth of the summed
 * committed offsets, lag = sum over partitions of (log end - committed), a partition without a
 * commit counting 0. The first sample of a pair (or after the active group changed) only records
 * a baseline and yields nothing.
 */
public final class MetricsReader {
    private final ClusterReader cluster;
    private final Map<PairKey, Sample> last = new ConcurrentHashMap<>();

    public MetricsReader(ClusterReader cluster) {
        this.cluster = cluster;
    }

    /** One observation of the pair, or empty for a baseline sample. Two Admin calls. */
    public Optional<Observation> observe(PairKey pair, String activeGroup, Set<Partition> partitions, int replicas,
                                         Instant now) {
        return observe(pair, activeGroup, partitions, replicas, now, cluster.endOffsets(partitions),
                cluster.committed(activeGroup));
    }

    /** The same from already-read offsets (no Admin call). */
    Optional<Observation> observe(PairKey pair, String activeGroup, Set<Partition> partitions, int replicas,
                                  Instant now, Map<Partition, Long> ends, Map<Partition, Long> committed) {
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

    private record Sample(Instant at, String group, long endSum, long committedSum) {
    }
}
