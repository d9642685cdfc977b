package io.shadowscale.worker.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead-letter record of a record the processor failed on: the original key, value,
 * timestamp and headers, then context headers (UTF-8 text, as Kafka Connect's
 * {@code errors.deadletterqueue.context.headers.enable} writes them) naming where the record came
 * from, who gave up on it and why. The partition is left to the producer (by key).
 */
public final class DeadLetters {
    /** Prefix of every context header. */
    public static final String PREFIX = "shadowscale.errors.";

    public static final String TOPIC = PREFIX + "topic";
    public static final String PARTITION = PREFIX + "partition";
    public static final String OFFSET = PREFIX + "offset";
    public static final String TIMESTAMP = PREFIX + "timestamp";
    public static final String ATTEMPTS = PREFIX + "attempts";
    public static final String EXCEPTION_CLASS = PREFIX + "exception.class.name";
    public static final String EXCEPTION_MESSAGE = PREFIX + "exception.message";
    public static final String EXCEPTION_STACKTRACE = PREFIX + "exception.stacktrace";
    public static final String PAIR = PREFIX + "pair";
    public static final String SLOT = PREFIX + "slot";
    public static final String WORKER = PREFIX + "worker";
    /** Longest stack trace kept, in characters (the rest is cut, marked with "..."). */
    static final int MAX_STACKTRACE = 8_192;

    private final String topic;
    private final String pair;
    private final String slot;
    private final String worker;
    private final UnaryOperator<String> redact;

    /**
     * @param redact takes secrets out of exception text (messages may quote configuration)
     */
    public DeadLetters(String topic, String pair, String slot, String worker, UnaryOperator<String> redact) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.pair = Objects.requireNonNull(pair, "pair");
        this.slot = Objects.requireNonNull(slot, "slot");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.redact = Objects.requireNonNull(redact, "redact");
    }

    public String topic() {
        return topic;
    }

    /**
     * The dead-letter record of {@code record}, given up on after {@code attempts} attempts that ended with
     * {@code error}.
     */
    public ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> record, int attempts, Throwable error) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        add(headers, TOPIC, record.topic());
        add(headers, PARTITION, Integer.toString(record.partition()));
        add(headers, OFFSET, Long.toString(record.offset()));
        add(headers, TIMESTAMP, Long.toString(record.timestamp()));
        add(headers, ATTEMPTS, Integer.toString(attempts));
        add(headers, EXCEPTION_CLASS, error.getClass().getName());
        add(headers, EXCEPTION_MESSAGE, redact.apply(String.valueOf(error.getMessage())));
        add(headers, EXCEPTION_STACKTRACE, redact.apply(stackTrace(error)));
        add(headers, PAIR, pair);
        add(headers, SLOT, slot);
        add(headers, WORKER, worker);
        Long timestamp = record.timestamp() >= 0 ? record.timestamp() : null;
        return new ProducerRecord<>(topic, null, timestamp, record.key(), record.value(), headers);
    }

    /** The value of the last header {@code key} as text, or null (for readers of the dead-letter topic). */
    public static String header(Iterable<Header> headers, String key) {
        String value = null;
        for (Header header : headers) {
            if (header.key().equals(key)) {
                value = header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            }
        }
        return value;
    }

    /** Every context header key, in the order they are written. */
    public static List<String> contextKeys() {
        return List.of(
                TOPIC,
                PARTITION,
                OFFSET,
                TIMESTAMP,
                ATTEMPTS,
                EXCEPTION_CLASS,
                EXCEPTION_MESSAGE,
                EXCEPTION_STACKTRACE,
                PAIR,
                SLOT,
                WORKER);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        String trace = text.toString();
        return trace.length() <= MAX_STACKTRACE ? trace : trace.substring(0, MAX_STACKTRACE) + "...";
    }
}
