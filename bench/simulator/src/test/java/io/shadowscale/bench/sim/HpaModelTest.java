package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HpaModelTest {
    /** A fresh HPA with the default behaviour between 1 and 100 replicas for each test. */
    private final HpaModel hpa = defaults(1, 100);

    private static HpaModel defaults(int min, int max) {
        return new HpaModel(min, max, HpaModel.Behavior.DEFAULTS);
    }

    @ParameterizedTest
    @CsvSource({
        // totalLag, lagThreshold, partitions, allowIdle, metric
        "1000, 10, 12, false, 120",
        "125, 10, 12, false, 125", // 125 / 10 = 12 (integer division) is not above 12
        "130, 10, 12, false, 120",
        "1000, 10, 12, true, 1000",
        "0, 10, 12, false, 0"
    })
    void kedaCutsTheLagMetricAtThePartitionCount(
            long lag, long threshold, int partitions, boolean allowIdle, long metric) {
        assertThat(HpaModel.kafkaLagMetric(lag, threshold, partitions, allowIdle))
                .isEqualTo(metric);
    }

    @ParameterizedTest
    @CsvSource({
        // metric, target, current, desired
        "250, 10, 20, 25",
        "215, 10, 20, 20", // ratio 1.075: within tolerance
        "220, 10, 20, 22", // ratio 1.1: |1 - 1.1| is 0.10000000000000009 in float64, so out, as in the HPA
        "221, 10, 20, 23", // ratio 1.105: out, ceil(22.1)
        "180, 10, 20, 20", // ratio 0.9: within
        "179, 10, 20, 18",
        "0, 10, 5, 0"
    })
    void averageValueTargetWithTolerance(long metric, long target, int current, int desired) {
        assertThat(HpaModel.rawDesired(metric, target, current)).isEqualTo(desired);
    }

    @Test
    void toleranceTrapsElevenReplicasOnTwelvePartitionsForever() {
        long metric = HpaModel.kafkaLagMetric(50_000_000, 10, 12, false);
        int replicas = 11;
        for (int now = 15; now <= 24 * 3600; now += 15) {
            replicas = hpa.reconcile(now, replicas, metric, 10);
            assertThat(replicas).as("at %d s", now).isEqualTo(11);
        }
        assertThat(defaults(1, 100).reconcile(15, 10, metric, 10)).isEqualTo(12);
    }

    @Test
    void scaleUpIsLimitedToFourPodsOrDoublingPerFifteenSeconds() {
        assertThat(hpa.reconcile(15, 2, 200, 10)).isEqualTo(6); // max(2 + 4, 2 * 2)
        assertThat(hpa.reconcile(30, 6, 200, 10)).isEqualTo(12); // max(6 + 4, 6 * 2)
        assertThat(hpa.reconcile(45, 12, 200, 10)).isEqualTo(20);
    }

    @Test
    void changesWithinTheRatePeriodCountAgainstTheLimit() {
        assertThat(hpa.reconcile(15, 2, 200, 10)).isEqualTo(6);
        // 5 s later the period still holds the +4: it started at 2, so the limit stays 6
        assertThat(hpa.reconcile(20, 6, 200, 10)).isEqualTo(6);
    }

    @Test
    void scaleDownWaitsForTheFiveMinuteStabilizationWindow() {
        assertThat(hpa.reconcile(0, 10, 100, 10)).isEqualTo(10);
        for (int now = 15; now < 300; now += 15) {
            assertThat(hpa.reconcile(now, 10, 30, 10)).as("at %d s", now).isEqualTo(10);
        }
        assertThat(hpa.reconcile(300, 10, 30, 10)).isEqualTo(3);
    }

    @Test
    void aNewHpaWaitsAWholeWindowBeforeItsFirstScaleDown() {
        assertThat(hpa.reconcile(15, 12, 30, 10)).isEqualTo(12);
        assertThat(hpa.reconcile(300, 12, 30, 10)).isEqualTo(12);
        assertThat(hpa.reconcile(315, 12, 30, 10)).isEqualTo(3);
    }

    @Test
    void scaleDownRatePolicyLimitsEachPeriod() {
        HpaModel hpa = new HpaModel(1, 100, new HpaModel.Behavior(0, 0, 4, 100, 15, 50, 60));
        assertThat(hpa.reconcile(15, 10, 5, 10)).isEqualTo(5);
        assertThat(hpa.reconcile(30, 5, 5, 10)).isEqualTo(5); // period start was 10: 50% of it is 5
        assertThat(hpa.reconcile(75, 5, 5, 10)).isEqualTo(2); // new period: int(5 * 0.5)
    }

    @Test
    void staysWithinMinAndMaxReplicas() {
        assertThat(defaults(1, 8).reconcile(15, 6, 1_000, 10)).isEqualTo(8);
        HpaModel noWindow = new HpaModel(3, 100, new HpaModel.Behavior(0, 0, 4, 100, 15, 100, 15));
        assertThat(noWindow.reconcile(15, 6, 0, 10)).isEqualTo(3);
    }
}
