package io.shadowscale.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTest {
    @Test
    void partitionsOrderByTopicThenNumberAndPrintAsKafkaDoes() {
        List<Partition> sorted = List.of(new Partition("b", 0), new Partition("a", 10), new Partition("a", 2)).stream()
                .sorted()
                .toList();
        assertThat(sorted).containsExactly(new Partition("a", 2), new Partition("a", 10), new Partition("b", 0));
        assertThat(new Partition("orders", 3)).hasToString("orders-3");
    }

    @Test
    void aNegativePartitionIsRefused() {
        assertThatThrownBy(() -> new Partition("orders", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition must be >= 0, was -1");
    }
}
