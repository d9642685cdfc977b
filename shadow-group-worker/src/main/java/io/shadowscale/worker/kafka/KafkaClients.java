package io.shadowscale.worker.kafka;

import io.shadowscale.worker.WorkerConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The worker's Kafka clients, built from its configuration (pass-through properties first, then the worker's own). */
final class KafkaClients {
    private KafkaClients() {}

    /**
     * The slot-group consumer: KIP-848 protocol, manual commits, and {@code auto.offset.reset=none},
     * because a slot group must never start a partition at a guessed offset.
     */
    static KafkaConsumer<byte[], byte[]> consumer(WorkerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, config.exactlyOnce() ? "read_committed" : "read_uncommitted");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId() + "." + config.workerId());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new KafkaConsumer<>(props);
    }

    /** The shared output producer without exactly-once: idempotent, acks=all. */
    static KafkaProducer<byte[], byte[]> producer(WorkerConfig config) {
        Map<String, Object> props = producerProps(config);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "." + config.workerId() + ".out");
        return new KafkaProducer<>(props);
    }

    /** The transactional producer of one input partition: {@code transactional.id} = {@code id}. */
    static KafkaProducer<byte[], byte[]> transactionalProducer(WorkerConfig config, String transactionalId) {
        Map<String, Object> props = producerProps(config);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "." + transactionalId);
        return new KafkaProducer<>(props);
    }

    private static Map<String, Object> producerProps(WorkerConfig config) {
        Map<String, Object> props = new HashMap<>(config.clientProperties());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
