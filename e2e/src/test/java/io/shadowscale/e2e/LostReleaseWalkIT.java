package io.shadowscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.localkafka.LocalKafka;
import io.shadowscale.localkafka.LocalKafkaExtension;
import io.shadowscale.scaler.model.Transition;
import io.shadowscale.testkit.sequence.PacedProducer;
import io.shadowscale.testkit.sequence.SequenceAudit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A planned handoff whose releases never reach the new slot (lost on the way to the control topic,
 * as in a broker outage): the old slot stops every partition at its planned offset and reports the
 * released offsets in its statuses, the new slot holds them unstarted. Past the fence timeout the
 * controller publishes those offsets as a barrier, so the walk finishes exactly once, without the
 * at-least-once fallback; the walk back, with releases delivered, is an ordinary planned handoff.
 */
class LostReleaseWalkIT {
    private static final int PARTITIONS = 6;
    private static final long RATE = 5_000;

    @RegisterExtension
    static final LocalKafkaExtension KAFKA = new LocalKafkaExtension(LocalKafka.builder()
            .brokerProperty("group.consumer.heartbeat.interval.ms", "500")
            .brokerProperty("group.consumer.min.heartbeat.interval.ms", "500"));

    @Test
    void aWalkWhoseReleasesAreLostFinishesAtTheReleasedOffsetsWithNothingTwice() throws Exception {
        KAFKA.kafka().createTopic(ReleaseDropper.SINK, 1);
        Map<String, String> dropping = Map.of("SHADOWSCALE_KAFKA_INTERCEPTOR_CLASSES", ReleaseDropper.class.getName());
        PairKey pair = new PairKey("shop", "lost-release");
        try (PairRig rig = PairRig.builder(KAFKA.kafka(), pair, "lost.in", PARTITIONS, 2)
                        .env(dropping)
                        .build();
                PacedProducer load = rig.load(RATE, Duration.ofSeconds(90), 64)) {
            rig.startUnder(load, 2);

            ReleaseDropper.DROPPING.set(true);
            PairRig.Walk lost = rig.walk(3);
            ReleaseDropper.DROPPING.set(false);
            assertThat(ReleaseDropper.DROPPED.get()).as("releases lost").isPositive();
            List<String> reasons = rig.state().orElseThrow().history().stream()
                    .map(Transition::reason)
                    .toList();
            assertThat(reasons)
                    .anyMatch(r -> r.startsWith("barrier published: " + PARTITIONS + " partition(s) released, ")
                            && r.contains(" not reported started by the new slot within PT10S"));
            assertThat(rig.state().orElseThrow().fallbackPartitions()).isEmpty();

            PairRig.Walk back = rig.walk(2);
            long total = rig.finish(load);
            SequenceAudit audit = SequenceAudit.of(rig.log.snapshot(), total);
            WalkFigures.print("lost-release", List.of(lost, back), audit.handoffGaps(), total, RATE);
            assertThat(audit).isEqualTo(new SequenceAudit(total, total, 0, 0, 0, 0, audit.handoffGaps()));
            assertThat(rig.state().orElseThrow().active()).isEqualTo(SlotName.BLUE);
        }
    }
}
