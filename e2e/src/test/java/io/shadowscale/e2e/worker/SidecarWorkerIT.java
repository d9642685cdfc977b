package io.shadowscale.e2e.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.control.proto.Activate;
import io.shadowscale.control.proto.Barrier;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.worker.ControlDriver;
import io.shadowscale.worker.Worker;
import io.shadowscale.worker.WorkerConfig;
import io.shadowscale.worker.http.HealthServer;
import io.shadowscale.worker.http.WorkerMetrics;
import io.shadowscale.worker.model.WorkerMode;
import io.shadowscale.worker.sidecar.SidecarContract;
import io.shadowscale.worker.sidecar.SidecarProcessor;
import io.shadowscale.worker.sidecar.proto.Ack;
import io.shadowscale.worker.sidecar.proto.AppMessage;
import io.shadowscale.worker.sidecar.proto.Output;
import io.shadowscale.worker.sidecar.proto.Record;
import io.shadowscale.worker.sidecar.proto.RuntimeMessage;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker in sidecar mode on a real broker, its application an in-process gRPC client: not ready
 * without the application, ready with it; an application that goes silent and disconnects leaves
 * its unacked records to the next one, which gets them again; every record is acked exactly once.
 */
class SidecarWorkerIT {
    private static final PairKey PAIR = new PairKey("shop", "sidecar");
    private static final String TOPIC = "sidecar.in";
    private static final String CONTROL = "sidecar.control";
    private static final int PARTITIONS = 3;
    private static final Duration STEP = Duration.ofSeconds(60);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    private final HttpClient http = HttpClient.newHttpClient();

    /** An application that acks every batch (one output per record: its value) until told to go silent. */
    private static final class App implements ClientResponseObserver<AppMessage, RuntimeMessage> {
        final Map<Long, Integer> acked;
        volatile boolean silent;
        /** Batches received while silent: records this application holds unacked. */
        volatile int heldBatches;
        /** The request stream, set in {@link #beforeStart} before the first batch can arrive. */
        private volatile ClientCallStreamObserver<AppMessage> call;

        App(ManagedChannel channel, Map<Long, Integer> acked) {
            this.acked = acked;
            SidecarContract.process(channel, this);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<AppMessage> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(RuntimeMessage message) {
            if (!message.hasBatch()) {
                return;
            }
            if (silent) {
                heldBatches++;
                return;
            }
            Ack.Builder ack = Ack.newBuilder().setPartition(message.getBatch().getPartition());
            for (Record r : message.getBatch().getRecordsList()) {
                acked.merge(ByteBuffer.wrap(r.getValue().toByteArray()).getLong(), 1, Integer::sum);
                ack.addOutputs(Output.newBuilder().setValue(r.getValue()));
                ack.setNextOffset(r.getOffset() + 1);
            }
            // not the observer process() returns: a redelivered batch can arrive before that return
            call.onNext(AppMessage.newBuilder().setAck(ack).build());
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}

        void disconnect() {
            call.cancel("application restarting", null);
        }
    }

    @Test
    void unackedRecordsGoToTheRestartedApplicationAndTheWorkerIsNotReadyWithoutIt() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        KAFKA.kafka().createTopic("sidecar.out", PARTITIONS);
        KAFKA.kafka().createTopic(CONTROL, 1);
        String server = InProcessServerBuilder.generateName();
        SidecarProcessor sidecar = new SidecarProcessor(settings -> InProcessServerBuilder.forName(server));
        Worker worker = new Worker(
                WorkerConfig.parse(Map.of(
                        "SHADOWSCALE_BOOTSTRAP_SERVERS",
                        KAFKA.bootstrapServers(),
                        "SHADOWSCALE_TOPICS",
                        TOPIC,
                        "SHADOWSCALE_PAIR_NAMESPACE",
                        PAIR.namespace(),
                        "SHADOWSCALE_PAIR_NAME",
                        PAIR.name(),
                        "SHADOWSCALE_SLOT",
                        "blue",
                        "SHADOWSCALE_WORKER_ID",
                        "blue-1",
                        "SHADOWSCALE_PROCESSOR",
                        "grpc",
                        "SHADOWSCALE_OUTPUT_TOPIC",
                        "sidecar.out",
                        "SHADOWSCALE_CONTROL_TOPIC",
                        CONTROL,
                        "SHADOWSCALE_STATUS_INTERVAL_MS",
                        "200")),
                sidecar,
                Clock.systemUTC());
        ManagedChannel channel = InProcessChannelBuilder.forName(server).build();
        Map<Long, Integer> acked = new ConcurrentHashMap<>();
        long rate = 500;
        Duration runFor = Duration.ofSeconds(6);
        worker.start();
        try (HealthServer endpoints = new HealthServer(
                        0, worker::alive, worker::snapshot, new WorkerMetrics(worker::snapshot, Map.of()).registry());
                ControlDriver controller = new ControlDriver(KAFKA.kafka().clientProperties(), CONTROL, PAIR);
                PacedProducer producer = PacedProducer.builder(KAFKA.bootstrapServers(), TOPIC)
                        .partitions(PARTITIONS)
                        .recordSize(32)
                        .rate(rate)
                        .maxRecords(rate * runFor.toSeconds())
                        .build()) {
            controller.command(
                    SlotName.BLUE, Set.of("blue-1"), c -> c.setActivate(Activate.getDefaultInstance()), STEP);
            controller.command(SlotName.BLUE, Set.of("blue-1"), c -> c.setBarrier(zeros()), STEP);
            assertThat(worker.mode()).isEqualTo(WorkerMode.ACTIVE);
            assertThat(get(endpoints, "/readyz")).isEqualTo("503 ACTIVE not ready\n");
            controller.awaitStatus(Set.of("blue-1"), s -> !s.getReady(), STEP, "status not ready");

            App first = new App(channel, acked);
            await().atMost(STEP).until(() -> get(endpoints, "/readyz").equals("200 ACTIVE ready\n"));
            controller.awaitStatus(Set.of("blue-1"), s -> s.getReady(), STEP, "status ready");
            producer.start();
            await().atMost(STEP).until(() -> acked.size() > rate);

            first.silent = true; // processes no more: what it gets now stays unacked
            await().atMost(STEP).until(() -> first.heldBatches > 0);
            first.disconnect();
            await().atMost(STEP).until(() -> get(endpoints, "/readyz").equals("503 ACTIVE not ready\n"));
            int ackedByFirst = acked.size();
            long processedThen = worker.snapshot().recordsProcessed();
            await().during(Duration.ofSeconds(1)).atMost(STEP).until(() -> acked.size() == ackedByFirst);
            assertThat(worker.snapshot().recordsProcessed())
                    .as("nothing processed without the application")
                    .isEqualTo(processedThen);

            App second = new App(channel, acked);
            await().atMost(STEP).until(() -> get(endpoints, "/readyz").equals("200 ACTIVE ready\n"));
            producer.awaitDelivered(runFor.plusSeconds(60));
            long total = rate * runFor.toSeconds();
            await().atMost(STEP).until(() -> acked.size() >= total);

            assertThat(acked.keySet())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, (int) total)
                            .mapToObj(i -> (long) i)
                            .toList());
            assertThat(acked.values()).as("each record acked once").allMatch(n -> n == 1);
            assertThat(sidecar.recordsRedelivered())
                    .as("records the silent application got again")
                    .isPositive();
            assertThat(sidecar.streamsOpened()).isEqualTo(2);
            second.disconnect();
        } finally {
            worker.close();
            channel.shutdownNow();
        }
    }

    private String get(HealthServer server, String path) throws Exception {
        return WorkerFixtures.get(http, server.port(), path);
    }

    private static Barrier zeros() {
        return WorkerFixtures.barrier(TOPIC, WorkerFixtures.zeros(PARTITIONS));
    }
}
