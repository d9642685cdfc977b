package io.shadowscale.bench.load;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A scenario of one group (a consumer group or a share group) resized in place: each member is a
 * thread of this JVM with a consumer of its own, kept by a {@link MemberPool}. A subclass makes the
 * members and says when the group is ready; starting, resizing and stopping are the same for all.
 *
 * @param <M> the scenario's member type
 */
abstract class InPlaceScenario<M extends MemberPool.Member> implements Scenario {
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    ConsumerSettings settings;
    final MemberPool<M> members;

    /** @param memberTag what stands between the group id and a member's number in the member's name */
    InPlaceScenario(String memberTag) {
        this.members = new MemberPool<>(id -> member(settings.groupId() + memberTag + id), CLOSE_TIMEOUT);
    }

    /** A new member named {@code name}, not started. */
    abstract M member(String name);

    /** Runs once, before the first members join; nothing by default. */
    void prepare() throws Exception {}

    @Override
    public final void start(ConsumerSettings settings, int count) throws Exception {
        this.settings = settings;
        prepare();
        members.scale(count);
    }

    @Override
    public final void scale(int count) throws InterruptedException {
        members.scale(count);
    }

    @Override
    public final int members() {
        return members.size();
    }

    @Override
    public final void stop() throws InterruptedException {
        scale(0);
    }

    /**
     * A member's consumer properties: the broker, the group, {@code clientId}, byte-array keys and
     * values, then the scenario's {@code own} properties, then the run's overrides.
     */
    final Map<String, Object> consumerConfig(String clientId, Map<String, Object> own) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.putAll(own);
        c.putAll(settings.clientOverrides());
        return c;
    }

    /** Spends the per-record processing cost on {@code record}, then reports it to the run's sink. */
    final void process(BusySpin processor, ConsumerRecord<byte[], byte[]> record) {
        long done = processor.process();
        settings.sink().record(record.partition(), record.offset(), record.value(), done);
    }
}
