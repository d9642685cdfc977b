package io.shadowscale.bench.fault;

import io.shadowscale.localkafka.LocalKafka;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * What a fault run asks the broker about the pair's consumer groups, each question bounded in time.
 * The admin client is taken from {@link LocalKafka} at every call, so the questions survive a broker
 * restart.
 */
final class ConsumerGroups {
    private final LocalKafka kafka;

    ConsumerGroups(LocalKafka kafka) {
        this.kafka = kafka;
    }

    /** Members of {@code group} (0 if it cannot be described). */
    int members(String group) {
        try {
            return kafka.admin()
                    .describeConsumerGroups(List.of(group))
                    .all()
                    .get(5, TimeUnit.SECONDS)
                    .get(group)
                    .members()
                    .size();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Whether a member whose client id names {@code workerId} is in {@code group}. */
    boolean joined(String group, String workerId) {
        try {
            return kafka
                    .admin()
                    .describeConsumerGroups(List.of(group))
                    .all()
                    .get(5, TimeUnit.SECONDS)
                    .get(group)
                    .members()
                    .stream()
                    .anyMatch(m -> m.clientId().contains(workerId));
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The highest offset any of {@code groups} committed, per partition of {@code topic}; a group
     * whose offsets cannot be read is handed to {@code unreadable} and left out.
     */
    Map<Integer, Long> committed(List<String> groups, String topic, BiConsumer<String, Exception> unreadable) {
        Map<Integer, Long> committed = new HashMap<>();
        for (String group : groups) {
            try {
                kafka.admin()
                        .listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS)
                        .forEach((tp, om) -> {
                            if (om != null && tp.topic().equals(topic)) {
                                committed.merge(tp.partition(), om.offset(), Math::max);
                            }
                        });
            } catch (Exception e) {
                unreadable.accept(group, e);
            }
        }
        return committed;
    }
}
