package io.shadowscale.e2e;

import com.google.protobuf.InvalidProtocolBufferException;
import io.shadowscale.control.proto.ControlEnvelope;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A Kafka client interceptor that loses planned-handoff releases on their way to the control topic,
 * as a broker outage can: while {@link #DROPPING} is set, every {@code Release} envelope a producer
 * sends is redirected to {@link #SINK} instead. Configured through a worker's
 * {@code SHADOWSCALE_KAFKA_INTERCEPTOR_CLASSES}, which reaches its consumers too: for them it is a
 * no-op (one class for both kinds of client, as the pass-through sets one property for all).
 * Workers run in process, so the switch and the count are static.
 */
public final class ReleaseDropper implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {
    /** The topic the dropped releases go to (create it before the workers send any). */
    public static final String SINK = "dropped.releases";

    public static final AtomicBoolean DROPPING = new AtomicBoolean();
    public static final AtomicInteger DROPPED = new AtomicInteger();

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (!DROPPING.get() || !(record.value() instanceof byte[] bytes) || !isRelease(bytes)) {
            return record;
        }
        DROPPED.incrementAndGet();
        return new ProducerRecord<>(SINK, null, record.key(), record.value(), record.headers());
    }

    private static boolean isRelease(byte[] bytes) {
        try {
            return ControlEnvelope.parseFrom(bytes).hasRelease();
        } catch (InvalidProtocolBufferException e) {
            return false; // not a control envelope (an output record)
        }
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

    @Override
    public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {}

    @Override
    public void close() {}

    @Override
    public void configure(Map<String, ?> configs) {}
}
