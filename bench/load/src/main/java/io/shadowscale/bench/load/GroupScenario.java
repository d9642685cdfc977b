package io.shadowscale.bench.load;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;

/**
 * A plain consumer group resized in place: each member is a thread with its own
 * {@link KafkaConsumer}, auto-commit off, the latest processed offsets committed asynchronously
 * once a second and synchronously for revoked partitions (commit-on-revoke) and on close. Leaving members close
 * gracefully (leave group). Broker and client timeouts are Kafka's defaults.
 */
public final class GroupScenario extends InPlaceScenario<GroupScenario.Member> {
    /** The group protocol and assignor. */
    public enum Protocol {
        /** classic protocol, RangeAssignor: every rebalance revokes everything. */
        EAGER,
        /** classic protocol, CooperativeStickyAssignor: only moved partitions are revoked. */
        COOPERATIVE,
        /** KIP-848 {@code group.protocol=consumer}, broker-side assignment. */
        CONSUMER
    }

    private final Protocol protocol;

    private GroupScenario(Protocol protocol) {
        super("-m");
        this.protocol = protocol;
    }

    public static GroupScenario of(Protocol protocol) {
        return new GroupScenario(protocol);
    }

    @Override
    Member member(String name) {
        return new Member(name);
    }

    /**
     * Ready when the members' assignments are disjoint, cover every partition, and every member has
     * one (or, with more members than partitions, as many members as partitions have one): the
     * group settled, not just its first member.
     */
    @Override
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Set<Integer> owned = new HashSet<>();
            int total = 0;
            int withPartitions = 0;
            for (Member m : members.snapshot()) {
                owned.addAll(m.owned.keySet());
                total += m.owned.size();
                withPartitions += m.owned.isEmpty() ? 0 : 1;
            }
            if (owned.size() == settings.partitions()
                    && total == settings.partitions()
                    && withPartitions == Math.min(members(), settings.partitions())) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    private Map<String, Object> config(String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        switch (protocol) {
            case EAGER -> {
                c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
                c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
            }
            case COOPERATIVE -> {
                c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
                c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            }
            case CONSUMER -> c.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        }
        return consumerConfig(clientId, c);
    }

    /** One group member: its thread, consumer and not-yet-committed progress. */
    final class Member extends MemberPool.Member implements ConsumerRebalanceListener {
        final Map<Integer, Boolean> owned = new ConcurrentHashMap<>();
        final Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
        final BusySpin processor = BusySpin.micros(settings.processingCostMicros());
        KafkaConsumer<byte[], byte[]> consumer;

        Member(String name) {
            super(name);
            this.consumer = new KafkaConsumer<>(config(name));
        }

        @Override
        public void run() {
            try {
                consumer.subscribe(List.of(settings.topic()), this);
                long lastCommit = System.nanoTime();
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        process(processor, r);
                        pending.put(
                                new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    if (!pending.isEmpty() && System.nanoTime() - lastCommit > 1_000_000_000L) {
                        // a failed periodic commit (e.g. during a rebalance) is superseded by the next one
                        // or by the commit-on-revoke, which always carries the latest processed offsets
                        consumer.commitAsync(Map.copyOf(pending), (offsets, error) -> {});
                        lastCommit = System.nanoTime();
                    }
                }
                consumer.commitSync(Map.copyOf(pending));
                pending.clear();
            } finally {
                consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = pending.remove(tp);
                if (o != null) {
                    revoked.put(tp, o);
                }
                owned.remove(tp.partition());
            }
            if (!revoked.isEmpty()) {
                consumer.commitSync(revoked);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                pending.remove(tp);
                owned.remove(tp.partition());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(tp -> owned.put(tp.partition(), Boolean.TRUE));
        }
    }
}
