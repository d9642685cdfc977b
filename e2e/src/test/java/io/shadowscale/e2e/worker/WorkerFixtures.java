package io.shadowscale.e2e.worker;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.control.proto.Drain;
import io.shadowscale.control.proto.Fence;
import io.shadowscale.control.proto.PartitionOffset;
import io.shadowscale.control.proto.Warm;
import io.shadowscale.control.proto.WorkerMode;
import io.shadowscale.control.proto.WorkerStatus;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.worker.ControlDriver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Set-up the worker integration tests share: a worker's environment, a producer, barriers, blue-1 made active, green
 * warmed, a blue-to-green handoff, reads.
 */
final class WorkerFixtures {
    private WorkerFixtures() {}

    /** The environment of one worker of {@code pair} (a mutable copy: a test adds its own keys). */
    static Map<String, String> env(
            String bootstrap,
            String topics,
            PairKey pair,
            SlotName slot,
            String workerId,
            String processor,
            String control) {
        Map<String, String> env = new HashMap<>();
        env.put("SHADOWSCALE_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SHADOWSCALE_TOPICS", topics);
        env.put("SHADOWSCALE_PAIR_NAMESPACE", pair.namespace());
        env.put("SHADOWSCALE_PAIR_NAME", pair.name());
        env.put("SHADOWSCALE_SLOT", slot.label());
        env.put("SHADOWSCALE_WORKER_ID", workerId);
        env.put("SHADOWSCALE_PROCESSOR", processor);
        env.put("SHADOWSCALE_CONTROL_TOPIC", control);
        return env;
    }

    /** Offset 0 for partitions {@code 0 .. partitions-1}: the start of an empty topic. */
    static Map<Integer, Long> zeros(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toMap(p -> p, p -> 0L));
    }

    static Barrier barrier(String topic, Map<Integer, Long> offsets) {
        Barrier.Builder barrier = Barrier.newBuilder();
        offsets.forEach((p, o) -> barrier.addOffsets(
                PartitionOffset.newBuilder().setTopic(topic).setPartition(p).setOffset(o)));
        return barrier.build();
    }

    /** {@code rate} records/s of 32 bytes into {@code topic} for {@code runFor}, not started. */
    static PacedProducer producer(String bootstrap, String topic, int partitions, long rate, Duration runFor) {
        return PacedProducer.builder(bootstrap, topic)
                .partitions(partitions)
                .recordSize(32)
                .rate(rate)
                .maxRecords(rate * runFor.toSeconds())
                .build();
    }

    /** Waits until blue-1 and green-1 report (idle), then makes blue-1 active from offset 0 of {@code topic}. */
    static void blueActiveFromZero(ControlDriver controller, String topic, int partitions, Duration step) {
        controller.awaitStatus(Set.of("blue-1", "green-1"), s -> s.getMode() == WorkerMode.IDLE, step, "reporting");
        activateBlueOne(controller, topic, partitions, step);
    }

    /** Activates blue-1, waits until it is assigned every partition, and starts it at offset 0 of {@code topic}. */
    static void activateBlueOne(ControlDriver controller, String topic, int partitions, Duration step) {
        Set<String> blue = Set.of("blue-1");
        controller.command(SlotName.BLUE, blue, c -> c.setActivate(Activate.getDefaultInstance()), step);
        controller.awaitStatus(blue, s -> s.getAssignedCount() == partitions, step, "blue assigned");
        controller.command(SlotName.BLUE, blue, c -> c.setBarrier(barrier(topic, zeros(partitions))), step);
    }

    /** Warms {@code green} behind blue's group and waits until each of them is a ready shadow. */
    static void warmGreen(ControlDriver controller, PairKey pair, Set<String> green, Duration step) {
        controller.command(
                SlotName.GREEN,
                green,
                c -> c.setWarm(
                        Warm.newBuilder().setExpectedWorkers(green.size()).setActiveGroup(pair.groupId(SlotName.BLUE))),
                step);
        controller.awaitStatus(green, s -> s.getMode() == WorkerMode.SHADOW && s.getReady(), step, "green ready");
    }

    /**
     * Blue hands {@code topic} over to green: warm green, fence blue until every partition has a
     * stop offset, publish those as green's barrier, drain blue.
     */
    static void handOver(
            ControlDriver controller,
            PairKey pair,
            String topic,
            int partitions,
            Set<String> blue,
            Set<String> green,
            Duration step) {
        warmGreen(controller, pair, green, step);
        Map<Integer, Long> stops = new HashMap<>();
        while (stops.size() < partitions) {
            Map<String, WorkerStatus> fenced =
                    controller.command(SlotName.BLUE, blue, c -> c.setFence(Fence.getDefaultInstance()), step);
            fenced.values()
                    .forEach(s -> s.getStopOffsetsList().forEach(po -> stops.put(po.getPartition(), po.getOffset())));
        }
        controller.command(SlotName.GREEN, green, c -> c.setBarrier(barrier(topic, stops)), step);
        controller.awaitStatus(green, s -> s.getActivePartitionsCount() == partitions, step, "green active");
        controller.command(SlotName.BLUE, blue, c -> c.setDrain(Drain.getDefaultInstance()), step);
        controller.awaitStatus(blue, s -> s.getMode() == WorkerMode.IDLE, step, "blue idle");
    }

    /** {@code GET http://127.0.0.1:port/path} as "status body". */
    static String get(HttpClient http, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    /**
     * Reads a topic {@code read_committed} from the start until {@code expected} records and 3 s quiet, or 30 s quiet.
     */
    static List<ConsumerRecord<byte[], byte[]>> readCommitted(
            String bootstrap, String topic, int partitions, long expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
            List<TopicPartition> all = IntStream.range(0, partitions)
                    .mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince
                    < Duration.ofSeconds(out.size() >= expected ? 3 : 30).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    out.add(record);
                    quietSince = System.nanoTime();
                }
            }
        }
        return out;
    }
}
