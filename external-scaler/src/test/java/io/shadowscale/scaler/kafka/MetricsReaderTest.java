package io.shadowscale.scaler.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.Observation;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsReaderTest {
    private static final PairKey PAIR = new PairKey("shop", "orders");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Partition P0 = new Partition("orders", 0);
    private static final Partition P1 = new Partition("orders", 1);
    private static final Set<Partition> PARTS = Set.of(P0, P1);

    private final MetricsReader reader = new MetricsReader(null);

    @Test
    void theFirstSampleIsABaselineAndTheSecondGivesRatesAndLag() {
        assertThat(reader.observe(
                        PAIR, "g.blue", PARTS, 2, T0, Map.of(P0, 1_000L, P1, 2_000L), Map.of(P0, 900L, P1, 1_900L)))
                .isEmpty();
        Observation o = reader.observe(
                        PAIR,
                        "g.blue",
                        PARTS,
                        2,
                        T0.plusSeconds(2),
                        Map.of(P0, 11_000L, P1, 12_000L),
                        Map.of(P0, 8_900L, P1, 9_900L))
                .orElseThrow();
        assertThat(o).isEqualTo(new Observation(T0.plusSeconds(2), 2, 2, 10_000, 8_000, 4_200));
    }

    @Test
    void aPartitionWithoutACommitAddsNoLagAndANewActiveGroupStartsAFreshBaseline() {
        reader.observe(PAIR, "g.blue", PARTS, 2, T0, Map.of(P0, 100L, P1, 100L), Map.of(P0, 100L));
        assertThat(reader.observe(
                                PAIR,
                                "g.blue",
                                PARTS,
                                2,
                                T0.plusSeconds(1),
                                Map.of(P0, 150L, P1, 500L),
                                Map.of(P0, 120L))
                        .orElseThrow()
                        .lag())
                .isEqualTo(30);
        assertThat(reader.observe(
                        PAIR,
                        "g.green",
                        PARTS,
                        4,
                        T0.plusSeconds(2),
                        Map.of(P0, 150L, P1, 500L),
                        Map.of(P0, 150L, P1, 500L)))
                .isEmpty();
    }
}
