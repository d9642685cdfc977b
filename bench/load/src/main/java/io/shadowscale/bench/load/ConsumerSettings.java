package io.shadowscale.bench.load;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Scenario} needs to consume a run: where, what, how expensive each record is, and
 * where to report processed records.
 *
 * @param bootstrapServers the broker
 * @param topic the run's topic (fresh per scenario)
 * @param partitions the topic's partition count
 * @param groupId the consumer (or share) group id to use, fresh per scenario
 * @param processingCostMicros busy-spin per record
 * @param sink the recording hook, called after processing each record
 * @param clientOverrides extra consumer properties (may be empty)
 * @param handoff how the Shadowscale pair hands over: {@code planned} or {@code fence}
 * @param processor where the Shadowscale workers process: {@code java} (in the worker) or {@code node}
 *     (a Node.js application beside each worker in sidecar mode)
 */
public record ConsumerSettings(
        String bootstrapServers,
        String topic,
        int partitions,
        String groupId,
        int processingCostMicros,
        RecordSink sink,
        Map<String, Object> clientOverrides,
        String handoff,
        String processor) {
    public ConsumerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(sink, "sink");
        clientOverrides = Map.copyOf(clientOverrides);
    }
}
