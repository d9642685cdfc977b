package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.testkit.broker.TestBrokers;
import io.shadowscale.testkit.fleet.OutputTap;
import io.shadowscale.testkit.fleet.SidecarLauncher;
import io.shadowscale.testkit.fleet.SlotFleet;
import io.shadowscale.testkit.sequence.Observation;
import io.shadowscale.testkit.sequence.ObservationLog;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pair of sidecar workers, each the worker runtime ({@code SHADOWSCALE_PROCESSOR=grpc}) plus its
 * own Node.js process running {@code examples/node-processor}, walked up and down under load by
 * the pair controller. What is audited is what the Node processes produced: the sequence number
 * in each output (the input's, copied by the Node transformation), observed as the runtime takes
 * the acked output. Every sequence number must come back exactly once, in order per partition.
 * Needs {@code npm ci} in {@code examples/node-processor} ({@code ./shadowscale test} runs it).
 */
class SidecarWalkIT {
    private static final int PARTITIONS = 6;
    private static final long RATE = 5_000;
    private static final Duration LOAD_LIMIT = Duration.ofSeconds(120);
    private static final List<Integer> SIZES = List.of(2, 3, 1, 2);

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(TestBrokers.fastGroups());

    @Test
    void sidecarWorkersWithNodeProcessorsAreWalkedUpAndDownWithEveryRecordOnceInOrder() throws Exception {
        PairKey pair = new PairKey("shop", "node");
        KAFKA.kafka().createTopic("node.out", PARTITIONS);
        try (PairRig rig = PairRig.builder(KAFKA.kafka(), pair, "node.in", PARTITIONS, SIZES.get(0))
                        .env(Map.of("SHADOWSCALE_OUTPUT_TOPIC", "node.out"))
                        .launchers(SidecarWalkIT::launcher)
                        .build();
                PacedProducer load = rig.load(RATE, LOAD_LIMIT, 64)) {
            rig.startUnder(load, SIZES.get(0));

            List<PairRig.Walk> walks = rig.walkThrough(SIZES.subList(1, SIZES.size()), "SIDECAR WALK");
            assertThat(load.running()).as("the producer ran through every walk").isTrue();

            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            WalkFigures.print("sidecar", walks, audit.handoffGaps(), total, RATE);

            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(audit.handoffGaps()).hasSize(SIZES.size() - 1);
            for (SlotName slot : SlotName.values()) {
                SlotFleet fleet = rig.fleet.slot(slot);
                assertThat(fleet.replicas())
                        .isEqualTo(slot == rig.state().orElseThrow().active() ? 2 : 0);
            }
        }
    }

    /** Sidecar workers whose acked outputs (the Node transformation's 32 bytes) go to {@code log}. */
    static SidecarLauncher launcher(ObservationLog log) {
        return new SidecarLauncher(
                (workerId, sidecar) -> new OutputTap(sidecar, (context, input, output) -> {
                    long sequence = ByteBuffer.wrap(output.value()).getLong();
                    Instant now = Instant.now();
                    log.append(new Observation(
                            input.partition(),
                            input.offset(),
                            sequence,
                            context.slot(),
                            context.workerId(),
                            System.nanoTime(),
                            now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000));
                }),
                Clock.systemUTC(),
                null);
    }
}
