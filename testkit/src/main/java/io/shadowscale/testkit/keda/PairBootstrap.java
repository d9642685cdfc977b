package io.shadowscale.testkit.keda;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The one step a brand-new pair needs before its first start: workers never use
 * {@code auto.offset.reset} (an ACTIVE worker starts a partition only at a committed or barrier
 * offset), so the first active group, blue, is given committed offsets at the start of each input
 * partition, as an operator would choose where a new consumer application begins.
 */
public final class PairBootstrap {
    private PairBootstrap() {}

    /** Commits, for {@code pair}'s blue group, the earliest offset of every partition of {@code topics}. */
    public static void seedFromEarliest(Admin admin, PairKey pair, List<String> topics) {
        try {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, d) -> d.partitions()
                            .forEach(
                                    p -> earliest.put(new TopicPartition(name, p.partition()), OffsetSpec.earliest())));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(earliest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> offsets.put(tp, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(pair.groupId(SlotName.BLUE), offsets)
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "could not seed the offsets of " + pair.groupId(SlotName.BLUE) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted seeding " + pair.groupId(SlotName.BLUE), e);
        }
    }
}
