package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PolicySettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PairPartitions}: one describeTopics per refresh for all pairs due, each shared topic once. */
class PairPartitionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final CountingReads cluster = new CountingReads();
    private final PairPartitions partitions = new PairPartitions(cluster, REFRESH);

    private List<PairSpec> hundredPairsOnFiveTopics() {
        for (int t = 0; t < 5; t++) {
            cluster.topics.put("events-" + t, Set.of(new Partition("events-" + t, 0), new Partition("events-" + t, 1)));
        }
        List<PairSpec> specs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            specs.add(new PairSpec(
                    new PairKey("tenant", "consumer-" + i), List.of("events-" + (i % 5)), PolicySettings.DEFAULTS));
        }
        return specs;
    }

    @Test
    void hundredPairsAreDescribedWithOneRequestPerRefreshInterval() {
        List<PairSpec> specs = hundredPairsOnFiveTopics();

        assertThat(partitions.refresh(specs, T0)).isEmpty();
        partitions.refresh(specs, T0.plusSeconds(1));
        partitions.refresh(specs, T0.plusSeconds(29));
        assertThat(cluster.describeRequests)
                .containsExactly(Set.of("events-0", "events-1", "events-2", "events-3", "events-4"));

        partitions.refresh(specs, T0.plusSeconds(30));
        assertThat(cluster.describeRequests).hasSize(2);
        assertThat(partitions.of(new PairKey("tenant", "consumer-7")))
                .isEqualTo(Set.of(new Partition("events-2", 0), new Partition("events-2", 1)));
    }

    @Test
    void aPairWhoseTopicIsMissingKeepsWhatItHadAndIsTriedOncePerInstant() {
        List<PairSpec> specs = hundredPairsOnFiveTopics();
        partitions.refresh(specs, T0);
        cluster.topics.remove("events-4");
        PairKey onMissing = new PairKey("tenant", "consumer-4");

        Map<PairKey, String> problems = partitions.refresh(specs, T0.plusSeconds(30));
        partitions.refresh(specs, T0.plusSeconds(30));

        assertThat(problems).hasSize(20).containsEntry(onMissing, "could not read partitions of [events-4]");
        assertThat(partitions.of(onMissing)).hasSize(2);
        assertThat(cluster.describeRequests).hasSize(2);
        partitions.refresh(specs, T0.plusSeconds(31));
        assertThat(cluster.describeRequests).hasSize(3);
        assertThat(cluster.describeRequests.get(2)).containsExactly("events-4");
    }

    @Test
    void aForgottenPairIsReadAgainAtTheNextRefresh() {
        List<PairSpec> specs = hundredPairsOnFiveTopics();
        partitions.refresh(specs, T0);

        partitions.forget(new PairKey("tenant", "consumer-0"));
        partitions.refresh(specs, T0.plusSeconds(1));

        assertThat(cluster.describeRequests).hasSize(2);
        assertThat(cluster.describeRequests.get(1)).containsExactly("events-0");
    }
}
