package io.shadowscale.bench.fault;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A daemon thread that reads a topic's partitions without a group and hands every record to a
 * handler until closed: the fault bench's view of the control topic and of the output.
 */
final class TopicReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name client id and thread name
     * @param position assigns the partitions to read and positions them, before the thread starts
     * @param handler called on the reader thread for every record, in order per partition
     */
    TopicReader(
            Map<String, Object> clientProperties,
            String name,
            int fetchMaxWaitMs,
            Duration pollTimeout,
            Consumer<KafkaConsumer<byte[], byte[]>> position,
            Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        this.consumer = new KafkaConsumer<>(props);
        position.accept(consumer);
        this.thread = new Thread(() -> read(pollTimeout, handler), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void read(Duration pollTimeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        try {
            while (running) {
                consumer.poll(pollTimeout).forEach(handler);
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
