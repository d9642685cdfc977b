package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.ScalerApp;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.policy.ThroughputPolicy;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.fleet.PairFleet;
import io.shadowscale.testkit.fleet.WorkerLauncher;
import io.shadowscale.testkit.keda.LocalKeda;
import io.shadowscale.testkit.keda.PairBootstrap;
import io.shadowscale.testkit.keda.Walk;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import io.shadowscale.testkit.sequence.VerifyingProcessor;
import io.shadowscale.testkit.stand.LocalStand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole loop without Kubernetes, in one JVM: broker, the wired scaler (PairController with
 * the ThroughputPolicy, gRPC server), the local KEDA stand-in polling it over loopback gRPC, and
 * real in-process workers it starts and stops. Only the input rate changes; the scaler alone
 * decides to grow (10,000 -> 60,000 msg/s) and to shrink again (back to 10,000), the stand-in
 * scales the slots, and every record is processed exactly once.
 */
class KedaLoopIT {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final String TOPIC = "keda-orders";
    private static final int PARTITIONS = 12;
    private static final double LOW = 10_000;
    private static final double HIGH = 60_000;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    @Test
    void theScalerGrowsAndShrinksThePairThroughTheStandInWithEveryRecordProcessedOnce() throws Exception {
        KAFKA.kafka().createTopic(TOPIC, PARTITIONS);
        PairBootstrap.seedFromEarliest(KAFKA.kafka().admin(), PAIR, List.of(TOPIC));
        Clock clock = Clock.systemUTC();
        ObservationLog log = new ObservationLog();
        AtomicReference<Double> rate = new AtomicReference<>(LOW);
        LocalStand stand = LocalStand.builder(PAIR, KAFKA.bootstrapServers(), List.of(TOPIC))
                .controlTopics("keda-it.control", "keda-it.state")
                .scalingKeys(Map.of(
                        "workerCapacity",
                        "15000",
                        "scaleUpDelaySeconds",
                        "2",
                        "scaleDownDelaySeconds",
                        "10",
                        "warmupTimeoutSeconds",
                        "60"))
                .clock(clock)
                .build();
        Instant origin = clock.instant();

        try (ScalerApp scaler = stand.startScaler(new ThroughputPolicy());
                LocalStand.Keda loop = stand.startKeda(
                        scaler.grpcPort(),
                        stand.fleet(
                                VerifyingProcessor.class.getName(),
                                WorkerLauncher.inProcess(id -> new VerifyingProcessor(log, clock), clock)));
                PacedProducer producer = PacedProducer.builder(KAFKA.kafka().clientProperties(), TOPIC)
                        .partitions(PARTITIONS)
                        .recordSize(64)
                        .rateCurve(ms -> rate.get())
                        .duration(Duration.ofMinutes(3))
                        .maxRecords(6_000_000)
                        .clock(clock)
                        .build()
                        .start()) {
            PairFleet fleet = loop.fleet();
            LocalKeda keda = loop.keda();

            // first start: one blue worker, then steady at 10,000 msg/s
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(phase(scaler)).isEqualTo("STEADY"));
            assertThat(fleet.replicas()).isEqualTo(Map.of(SlotName.BLUE, 1, SlotName.GREEN, 0));

            rate.set(HIGH);
            Instant stepUp = clock.instant();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(keda.walks()).hasSize(1);
                assertThat(keda.walks().get(0).finished()).isPresent();
            });
            Walk grow = keda.walks().get(0);
            System.out.printf(
                    "grow seen %.1f s after the step to 60,000 msg/s: %s%n",
                    Duration.between(stepUp, grow.started()).toMillis() / 1e3, grow.describe(origin));
            assertThat(grow.fromSlot()).isEqualTo(SlotName.BLUE);
            assertThat(grow.rolledBack()).isFalse();
            assertThat(grow.to()).isGreaterThanOrEqualTo(4); // 60,000 msg/s at 15,000 per worker
            assertThat(fleet.replicas()).isEqualTo(Map.of(SlotName.BLUE, 0, SlotName.GREEN, grow.to()));

            rate.set(LOW);
            Instant stepDown = clock.instant();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(keda.walks()).hasSize(2);
                assertThat(keda.walks().get(1).finished()).isPresent();
            });
            Walk shrink = keda.walks().get(1);
            System.out.printf(
                    "shrink seen %.1f s after the step down to 10,000 msg/s: %s%n",
                    Duration.between(stepDown, shrink.started()).toMillis() / 1e3, shrink.describe(origin));
            assertThat(shrink.fromSlot()).isEqualTo(SlotName.GREEN);
            assertThat(shrink.to()).isLessThan(grow.to());
            assertThat(fleet.replicas()).isEqualTo(Map.of(SlotName.BLUE, shrink.to(), SlotName.GREEN, 0));

            producer.stop(Duration.ofSeconds(30));
            assertThat(producer.failure()).isNull();
            long produced = producer.sent();
            await().atMost(Duration.ofSeconds(60)).until(() -> log.size() >= produced);
            SequenceAudit audit = SequenceAudit.of(log.snapshot(), produced);
            System.out.println("scale events: " + keda.events());
            System.out.println("pair history: "
                    + scaler.controller().state(PAIR).map(PairState::history).orElseThrow());
            System.out.printf(
                    "audit: %d produced, %d processed, %d duplicates, %d missing, %d order violations,"
                            + " handoff gaps %s%n",
                    produced,
                    audit.processed(),
                    audit.duplicates(),
                    audit.missing(),
                    audit.orderViolations(),
                    audit.handoffGaps());
            assertThat(audit.duplicates()).isZero();
            assertThat(audit.missing()).isZero();
            assertThat(audit.orderViolations()).isZero();
            assertThat(audit.exactlyOnceInOrder()).isTrue();
            assertThat(audit.handoffGaps()).hasSize(2);
        }
    }

    private static String phase(ScalerApp scaler) {
        return scaler.controller().state(PAIR).map(s -> s.phase().name()).orElse("none");
    }
}
