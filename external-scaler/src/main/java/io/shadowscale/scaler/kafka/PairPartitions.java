package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partitions of every pair's topics, read again once they are {@code refresh} old. A
 * {@link #refresh} describes the topics of every pair that is due in one describeTopics (a topic
 * shared by many pairs is described once), not one request per pair. A pair whose topics could
 * not all be described keeps what it had and is read again at the next refresh.
 */
public final class PairPartitions {
    private final OffsetReads reads;
    private final Duration refresh;
    private final Map<PairKey, Set<Partition>> partitions = new ConcurrentHashMap<>();
    private final Map<PairKey, Instant> readAt = new ConcurrentHashMap<>();
    private final Map<PairKey, Instant> triedAt = new ConcurrentHashMap<>();

    public PairPartitions(OffsetReads reads, Duration refresh) {
        this.reads = Objects.requireNonNull(reads, "reads");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /**
     * Reads the partitions of every pair in {@code specs} never read or read {@code refresh} ago,
     * with one describeTopics in all (none when no pair is due). A pair is tried at most once per
     * {@code now} (a failed one again at a later instant). Returns, by pair, why its partitions
     * could not be read.
     */
    public Map<PairKey, String> refresh(Collection<PairSpec> specs, Instant now) {
        List<PairSpec> due = specs.stream().filter(s -> due(s.pair(), now)).toList();
        if (due.isEmpty()) {
            return Map.of();
        }
        Set<String> topics = new HashSet<>();
        due.forEach(s -> {
            topics.addAll(s.topics());
            triedAt.put(s.pair(), now);
        });
        Map<PairKey, String> problems = new LinkedHashMap<>();
        Map<String, Set<Partition>> found;
        try {
            found = reads.partitionsByTopic(topics);
        } catch (IllegalStateException e) {
            due.forEach(s -> problems.put(s.pair(), e.getMessage()));
            return problems;
        }
        for (PairSpec s : due) {
            List<String> missing =
                    s.topics().stream().filter(t -> !found.containsKey(t)).toList();
            if (!missing.isEmpty()) {
                problems.put(s.pair(), "could not read partitions of " + missing);
                continue;
            }
            Set<Partition> all = new HashSet<>();
            s.topics().forEach(t -> all.addAll(found.get(t)));
            partitions.put(s.pair(), Set.copyOf(all));
            readAt.put(s.pair(), now);
        }
        return problems;
    }

    /** The pair's partitions as last read; empty if never read. */
    public Set<Partition> of(PairKey pair) {
        return partitions.getOrDefault(pair, Set.of());
    }

    /** Reads the pair's partitions again at the next refresh (its topics changed). */
    public void forget(PairKey pair) {
        readAt.remove(pair);
        triedAt.remove(pair);
    }

    private boolean due(PairKey pair, Instant now) {
        if (now.equals(triedAt.get(pair))) {
            return false;
        }
        Instant last = readAt.get(pair);
        return last == null || !now.isBefore(last.plus(refresh));
    }
}
