package io.shadowscale.scaler.model.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionBalanceTest {
    @ParameterizedTest
    @CsvSource({
        "0,12,0",
        "1,12,1",
        "4,12,4",
        "5,12,4",
        "6,12,6",
        "7,12,6",
        "11,12,6",
        "12,12,12",
        "20,12,12",
        "3,8,2.6666666666666665"
    })
    void busiestWorkerLimitsTheGroup(int workers, int partitions, double expected) {
        assertThat(PartitionBalance.effectiveWorkers(workers, partitions)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "0,1,12,1",
        "3.5,1,12,4",
        "4,1,12,4",
        "4.01,1,12,6",
        "6.5,1,12,12",
        "99,1,12,12",
        "0.5,3,12,3",
        "2,5,4,4"
    })
    void fewestWorkersThatCope(double equivalents, int minimum, int partitions, int expected) {
        assertThat(PartitionBalance.fewestWorkersFor(equivalents, minimum, partitions))
                .isEqualTo(expected);
    }
}
