package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link MetricsReader#observeAll}: one round costs two Admin requests, however many pairs it reads. */
class MetricsRoundTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final CountingReads cluster = new CountingReads();
    private final MetricsReader reader = new MetricsReader(cluster);

    /** 1,000 pairs over 20 topics of 12 partitions, each pair's active group committed 10 behind the end. */
    private List<MetricsReader.Request> thousandPairs(long end) {
        List<MetricsReader.Request> requests = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String topic = "events-" + (i % 20);
            Set<Partition> parts = new HashSet<>();
            Map<Partition, Long> commits = new HashMap<>();
            for (int p = 0; p < 12; p++) {
                Partition partition = new Partition(topic, p);
                parts.add(partition);
                cluster.ends.put(partition, end);
                commits.put(partition, end - 10);
            }
            PairKey pair = new PairKey("tenant", "consumer-" + i);
            cluster.groups.put(pair.groupId(SlotName.BLUE), commits);
            requests.add(new MetricsReader.Request(pair, pair.groupId(SlotName.BLUE), parts, 2));
        }
        return requests;
    }

    @Test
    void aThousandPairsAreReadWithOneListOffsetsAndOneGroupOffsetsRequestPerRound() {
        MetricsReader.Round baseline = reader.observeAll(thousandPairs(1_000), T0);
        MetricsReader.Round second = reader.observeAll(thousandPairs(6_000), T0.plusSeconds(5));

        assertThat(cluster.listOffsetsRequests).hasSize(2);
        assertThat(cluster.groupOffsetsRequests).hasSize(2);
        // shared topics are asked once: 20 topics x 12 partitions, not 1,000 x 12
        assertThat(cluster.listOffsetsRequests.get(0)).hasSize(240);
        assertThat(cluster.groupOffsetsRequests.get(0)).hasSize(1_000);
        assertThat(baseline.observations()).isEmpty();
        assertThat(baseline.unread()).isEmpty();
        assertThat(second.observations()).hasSize(1_000);
        assertThat(second.observations().get(new PairKey("tenant", "consumer-7")))
                .isEqualTo(new Observation(T0.plusSeconds(5), 12, 2, 12_000, 12_000, 120));
        assertThat(second.problem()).isEmpty();
    }

    @Test
    void aPairWhosePartitionsCouldNotBeReadIsUnreadAndTheOthersAreObserved() {
        List<MetricsReader.Request> requests = thousandPairs(1_000);
        reader.observeAll(requests, T0);
        cluster.ends.remove(new Partition("events-3", 5));

        MetricsReader.Round round = reader.observeAll(requests, T0.plusSeconds(5));

        assertThat(round.unread()).hasSize(50).contains(new PairKey("tenant", "consumer-3"));
        assertThat(round.observations()).hasSize(950).doesNotContainKey(new PairKey("tenant", "consumer-3"));
    }

    @Test
    void aRoundWithoutPairsMakesNoRequest() {
        assertThat(reader.observeAll(List.of(), T0).observations()).isEmpty();

        assertThat(cluster.listOffsetsRequests).isEmpty();
        assertThat(cluster.groupOffsetsRequests).isEmpty();
    }
}
