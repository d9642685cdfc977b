package io.shadowscale.testkit.sequence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PacedProducerTest {
    private static PacedProducer.Builder builder() {
        return PacedProducer.builder("127.0.0.1:1", "t");
    }

    @Test
    void rejectsABuildWithoutARate() {
        assertThatThrownBy(() -> builder().partitions(3).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no rate: call rate(perSecond) or rateCurve(function)");
    }

    @Test
    void rejectsBoundsOutOfRange() {
        assertThatThrownBy(() -> builder().partitions(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partitions must be at least 1, was 0");
        assertThatThrownBy(() -> builder().maxRecords(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecords must be at least 0, was -1");
        assertThatThrownBy(() -> builder().rate(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rate must be positive, was 0.0");
    }

    @Test
    void needsAnAddressAndATopic() {
        assertThatThrownBy(() -> PacedProducer.builder(Map.of(), null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("topic");
        assertThatThrownBy(() -> PacedProducer.builder((String) null, "t"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("bootstrapServers");
    }
}
