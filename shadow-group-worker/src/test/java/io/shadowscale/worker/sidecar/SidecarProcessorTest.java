package io.shadowscale.worker.sidecar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.worker.processor.ProcessorContext;
import io.shadowscale.worker.sidecar.proto.Ack;
import io.shadowscale.worker.sidecar.proto.Batch;
import io.shadowscale.worker.sidecar.proto.Output;
import io.shadowscale.worker.sidecar.proto.PartitionRef;
import io.shadowscale.worker.sidecar.proto.PartitionStarted;
import io.shadowscale.worker.sidecar.proto.PartitionStopped;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import io.shadowscale.worker.sidecar.proto.Welcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SidecarProcessorTest {
    private static final TopicPartition P0 = new TopicPartition("orders", 0);
    private static final PartitionRef REF =
            PartitionRef.newBuilder().setTopic("orders").setPartition(0).build();

    private final String serverName = InProcessServerBuilder.generateName();
    private final ManagedChannel channel =
            InProcessChannelBuilder.forName(serverName).directExecutor().build();
    private final List<ProducerRecord<byte[], byte[]>> produced = new CopyOnWriteArrayList<>();
    private SidecarProcessor processor;

    private SidecarProcessor open(int maxUnacked, long ackTimeoutMs, long reconnectTimeoutMs) {
        processor = new SidecarProcessor(
                settings -> InProcessServerBuilder.forName(serverName).directExecutor());
        processor.open(new ProcessorContext(
                new PairKey("shop", "orders"),
                SlotName.BLUE,
                "orders-blue-0",
                Optional.of("orders.out"),
                Map.of(
                        "SHADOWSCALE_SIDECAR_MAX_UNACKED_RECORDS", Integer.toString(maxUnacked),
                        "SHADOWSCALE_SIDECAR_ACK_TIMEOUT_MS", Long.toString(ackTimeoutMs),
                        "SHADOWSCALE_SIDECAR_RECONNECT_TIMEOUT_MS", Long.toString(reconnectTimeoutMs))));
        return processor;
    }

    @AfterEach
    void close() throws InterruptedException {
        if (processor != null) {
            processor.close();
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(long from, int count) {
        return LongStream.range(from, from + count)
                .mapToObj(o -> new ConsumerRecord<>("orders", 0, o, ("k" + o).getBytes(), ("v" + o).getBytes()))
                .toList();
    }

    private CompletableFuture<Void> deliverAsync(List<ConsumerRecord<byte[], byte[]>> records) {
        return CompletableFuture.runAsync(() -> {
            try {
                processor.processBatch(P0, records, produced::add);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static Ack ack(long nextOffset, String... values) {
        Ack.Builder ack = Ack.newBuilder().setPartition(REF).setNextOffset(nextOffset);
        for (String v : values) {
            ack.addOutputs(
                    Output.newBuilder().setKey(ByteString.copyFromUtf8("k")).setValue(ByteString.copyFromUtf8(v)));
        }
        return ack.build();
    }

    private static RuntimeMessage batchOf(long from, int count) {
        return AppStream.batch(P0, records(from, count));
    }

    private static RuntimeMessage startedAt(long offset) {
        return RuntimeMessage.newBuilder()
                .setStarted(PartitionStarted.newBuilder().setPartition(REF).setOffset(offset))
                .build();
    }

    /** An application connected over the channel, its Welcome taken. */
    private FakeApplication welcomed() throws InterruptedException {
        FakeApplication app = new FakeApplication(channel);
        app.next();
        return app;
    }

    /** Opens with room for 10 unacked records and 5 s ack and reconnect timeouts, then connects an application. */
    private FakeApplication openAndWelcome() throws InterruptedException {
        open(10, 5_000, 5_000);
        return welcomed();
    }

    private List<String> producedValues() {
        List<String> values = new ArrayList<>();
        produced.forEach(r -> values.add(r.topic() + ":" + new String(r.value())));
        return values;
    }

    @Test
    void aBatchReturnsOnceAckedWithItsOutputsProducedAndAtMostMaxUnackedOut() throws Exception {
        open(2, 5_000, 5_000);
        FakeApplication app = new FakeApplication(channel);
        assertThat(app.next())
                .isEqualTo(RuntimeMessage.newBuilder()
                        .setWelcome(Welcome.newBuilder()
                                .setWorkerId("orders-blue-0")
                                .setPairNamespace("shop")
                                .setPairName("orders")
                                .setSlot("blue")
                                .setOutputTopic("orders.out")
                                .setMaxUnackedRecords(2))
                        .build());
        CompletableFuture<Void> done = deliverAsync(records(10, 5));

        assertThat(app.next()).isEqualTo(startedAt(10));
        assertThat(app.next()).isEqualTo(batchOf(10, 2));
        assertThat(app.poll()).as("nothing past the unacked bound").isNull();
        app.ack(ack(11, "a"));
        assertThat(app.next()).isEqualTo(batchOf(12, 1));
        app.ack(ack(13, "b", "c"));
        assertThat(app.next()).isEqualTo(batchOf(13, 2));
        assertThat(done).isNotDone();
        app.ack(ack(15, "d", "e"));
        done.get(5, TimeUnit.SECONDS);
        assertThat(producedValues())
                .containsExactly("orders.out:a", "orders.out:b", "orders.out:c", "orders.out:d", "orders.out:e");
        assertThat(processor.recordsRedelivered()).isZero();
    }

    @Test
    void unackedRecordsGoToTheNextStreamAfterAStartedAtTheFirstOfThem() throws Exception {
        FakeApplication first = openAndWelcome();
        CompletableFuture<Void> done = deliverAsync(records(0, 4));
        first.next();
        assertThat(first.next()).isEqualTo(batchOf(0, 4));
        first.ack(ack(2, "0", "1"));
        await().until(() -> produced.size() == 2);
        first.disconnect();
        await().until(() -> processor.notReadyReason().isPresent());
        assertThat(done).isNotDone();

        FakeApplication second = welcomed();
        assertThat(second.next()).isEqualTo(startedAt(2));
        assertThat(second.next()).isEqualTo(batchOf(2, 2));
        second.ack(ack(4, "2", "3"));
        done.get(5, TimeUnit.SECONDS);
        assertThat(producedValues()).containsExactly("orders.out:0", "orders.out:1", "orders.out:2", "orders.out:3");
        assertThat(processor.recordsRedelivered()).isEqualTo(2);
        assertThat(processor.streamsOpened()).isEqualTo(2);
    }

    @Test
    void notReadyUntilAnApplicationConnectsAndAfterItLeaves() throws Exception {
        open(10, 5_000, 5_000);
        assertThat(processor.notReadyReason()).contains("application not connected yet");
        FakeApplication app = welcomed();
        assertThat(processor.notReadyReason()).isEmpty();
        app.disconnect();
        await().untilAsserted(() -> assertThat(processor.notReadyReason())
                .hasValueSatisfying(
                        reason -> assertThat(reason).startsWith("application stream 1 failed: Status{code=CANCELLED")));
    }

    @Test
    void anApplicationThatStopsAckingIsCutAndProcessingGivesUpAfterTheReconnectTimeout() throws Exception {
        open(10, 100, 300);
        FakeApplication app = welcomed();
        CompletableFuture<Void> done = deliverAsync(records(0, 3));
        await().untilAsserted(() -> assertThat(app.ended()).isNotNull());
        assertThat(app.ended().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(app.ended().getDescription()).isEqualTo("no ack for orders-0 offset 0 within 100 ms");
        assertThat(processor.notReadyReason())
                .contains("cut by the runtime: no ack for orders-0 offset 0 within 100 ms");
        ExecutionException failed =
                Assertions.catchThrowableOfType(() -> done.get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(failed.getCause().getCause())
                .isInstanceOf(ApplicationLink.ApplicationUnavailableException.class)
                .hasMessage("no application stream within 300 ms (cut by the runtime: no ack for orders-0 offset 0"
                        + " within 100 ms)");
        assertThat(produced).isEmpty();
    }

    @Test
    void anAckOutsideWhatWasSentCutsTheStream() throws Exception {
        FakeApplication app = openAndWelcome();
        CompletableFuture<Void> done = deliverAsync(records(5, 2));
        app.next();
        app.next();
        app.ack(ack(9, "x"));
        await().untilAsserted(() -> assertThat(app.ended()).isNotNull());
        assertThat(app.ended().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(app.ended().getDescription())
                .isEqualTo("ack of orders-0 up to 9: must be from 6 to 7 (past the "
                        + "last ack, at most one past the last record sent)");
        assertThat(produced).isEmpty();
        FakeApplication again = welcomed();
        again.next();
        again.next();
        again.ack(ack(7, "5", "6"));
        done.get(5, TimeUnit.SECONDS);
        assertThat(producedValues()).containsExactly("orders.out:5", "orders.out:6");
    }

    @Test
    void stoppedGoesOnlyToAStreamThatWasToldTheStart() throws Exception {
        FakeApplication app = openAndWelcome();
        processor.partitionsStopped(List.of(new TopicPartition("orders", 1)));
        CompletableFuture<Void> done = deliverAsync(records(0, 1));
        app.next();
        app.next();
        app.ack(ack(1, "0"));
        done.get(5, TimeUnit.SECONDS);
        processor.partitionsStopped(List.of(P0, new TopicPartition("orders", 1)));
        assertThat(app.next())
                .isEqualTo(RuntimeMessage.newBuilder()
                        .setStopped(PartitionStopped.newBuilder().setPartition(REF))
                        .build());
        assertThat(app.poll()).isNull();
    }

    @Test
    @SuppressWarnings("checkstyle:InlineQualifiedName") // the sidecar proto's Record, not java.lang.Record
    void batchesCarryOffsetKeyValueAndTimestamp() {
        assertThat(batchOf(3, 1))
                .isEqualTo(RuntimeMessage.newBuilder()
                        .setBatch(Batch.newBuilder()
                                .setPartition(REF)
                                .addRecords(io.shadowscale.worker.sidecar.proto.Record.newBuilder()
                                        .setOffset(3)
                                        .setKey(ByteString.copyFromUtf8("k3"))
                                        .setValue(ByteString.copyFromUtf8("v3"))
                                        .setTimestampMs(ConsumerRecord.NO_TIMESTAMP)))
                        .build());
    }
}
