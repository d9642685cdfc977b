package io.shadowscale.bench.fault;

import io.shadowscale.control.ControlCodec;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.proto.Command;
import io.shadowscale.control.proto.ControlEnvelope;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches the control topic as the workers do (no group, from the end) and runs a one-shot action
 * the first time the controller sends a command of a given kind for the pair, on the reader
 * thread, so a fault can be injected within milliseconds of, e.g., the first {@code Fence}. The
 * planned handoff's {@code Handoff} counts as a {@code FENCE}: both are a walk's first cutover
 * command (which of the two a walk sends depends on the protocol versions of its workers).
 */
final class ControlTail implements AutoCloseable {
    private final PairKey pair;
    private final Map<Command.KindCase, Long> firstSeenNanos = new ConcurrentHashMap<>();
    private final Map<Command.KindCase, List<Runnable>> actions = new EnumMap<>(Command.KindCase.class);
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Consumer<ControlEnvelope>> watchers = new CopyOnWriteArrayList<>();
    private final TopicReader reader;

    ControlTail(Map<String, Object> clientProperties, String topic, PairKey pair) {
        this.pair = pair;
        this.reader = new TopicReader(
                clientProperties,
                "fault-control-tail",
                20,
                Duration.ofMillis(100),
                consumer -> {
                    List<TopicPartition> all = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toList());
                    consumer.assign(all);
                    consumer.seekToEnd(all);
                    all.forEach(consumer::position);
                },
                this::onRecord);
    }

    /** Runs {@code action} once, on the reader thread, when the first command of {@code kind} arrives. */
    synchronized void onFirst(Command.KindCase kind, Runnable action) {
        actions.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(action);
    }

    /**
     * Calls {@code watcher} with every command for the pair from now on, on the reader thread, before
     * the one-shot actions of {@link #onFirst}.
     */
    void watch(Consumer<ControlEnvelope> watcher) {
        watchers.add(watcher);
    }

    /** Whether a command of {@code kind} for the pair was seen. */
    boolean seen(Command.KindCase kind) {
        return firstSeenNanos.containsKey(kind);
    }

    /** Failures of actions run by the tail. */
    List<String> errors() {
        return List.copyOf(errors);
    }

    private void onRecord(ConsumerRecord<byte[], byte[]> record) {
        ControlCodec.Decoded decoded = ControlCodec.decode(record.value());
        if (!decoded.ok()) {
            return;
        }
        ControlEnvelope envelope = decoded.envelope().get();
        if (!envelope.hasCommand() || !PairKey.fromProto(envelope.getPair()).equals(pair)) {
            return;
        }
        for (Consumer<ControlEnvelope> watcher : watchers) {
            try {
                watcher.accept(envelope);
            } catch (RuntimeException e) {
                errors.add("watcher: " + e);
            }
        }
        Command.KindCase kind = envelope.getCommand().getKindCase();
        if (kind == Command.KindCase.HANDOFF) {
            kind = Command.KindCase.FENCE; // the cutover's first command in a planned handoff
        }
        if (firstSeenNanos.putIfAbsent(kind, System.nanoTime()) != null) {
            return;
        }
        List<Runnable> due;
        synchronized (this) {
            due = actions.remove(kind);
        }
        for (Runnable action : due == null ? List.<Runnable>of() : due) {
            try {
                action.run();
            } catch (RuntimeException e) {
                errors.add(kind + " action: " + e);
            }
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
