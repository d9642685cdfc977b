package io.shadowscale.scaler.kafka;

import io.shadowscale.common.Partition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory cluster for the batched reads: topics with partitions, log-end offsets and groups'
 * commits, and a record of every request made (what each asked for), so a test can prove how
 * many Admin requests a round costs.
 */
final class CountingReads implements OffsetReads {
    final Map<String, Set<Partition>> topics = new HashMap<>();
    final Map<Partition, Long> ends = new HashMap<>();
    final Map<String, Map<Partition, Long>> groups = new HashMap<>();
    final List<Set<String>> describeRequests = new ArrayList<>();
    final List<Set<Partition>> listOffsetsRequests = new ArrayList<>();
    final List<Set<String>> groupOffsetsRequests = new ArrayList<>();

    @Override
    public Map<String, Set<Partition>> partitionsByTopic(Set<String> asked) {
        describeRequests.add(Set.copyOf(asked));
        Map<String, Set<Partition>> found = new HashMap<>();
        asked.forEach(t -> {
            if (topics.containsKey(t)) {
                found.put(t, topics.get(t));
            }
        });
        return found;
    }

    @Override
    public Map<Partition, Long> endOffsets(Set<Partition> asked) {
        listOffsetsRequests.add(Set.copyOf(asked));
        Map<Partition, Long> found = new HashMap<>();
        asked.forEach(p -> {
            if (ends.containsKey(p)) {
                found.put(p, ends.get(p));
            }
        });
        return found;
    }

    @Override
    public Map<String, Map<Partition, Long>> committed(Set<String> asked) {
        groupOffsetsRequests.add(Set.copyOf(asked));
        Map<String, Map<Partition, Long>> found = new HashMap<>();
        asked.forEach(g -> found.put(g, groups.getOrDefault(g, Map.of())));
        return found;
    }
}
