package io.shadowscale.bench.scalerload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalerLoadOptionsTest {
    @Test
    void parsesDefaults() {
        ScalerLoadSettings s = ScalerLoadOptions.parse(Map.of("out", "x"));

        assertThat(s)
                .isEqualTo(new ScalerLoadSettings(
                        List.of(1000), List.of(12), "per-pair", 20, 60, 180, 30, 15, 16, false, 10, Path.of("x")));
    }

    @Test
    void aSweepRunsEveryPairCountForEachPartitionCount() {
        ScalerLoadSettings s = ScalerLoadOptions.parseArgs(new String[] {"--pairs", "100,300", "--partitions=12,48"});

        assertThat(s.points())
                .containsExactly(
                        new ScalerLoadSettings.Point(100, 12),
                        new ScalerLoadSettings.Point(300, 12),
                        new ScalerLoadSettings.Point(100, 48),
                        new ScalerLoadSettings.Point(300, 48));
    }

    @Test
    void reportsEveryBadOptionAtOnceByName() {
        assertThatThrownBy(() -> ScalerLoadOptions.parseArgs(
                        new String[] {"--pairs", "0,10", "--topics", "some", "--streams", "yes", "--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad options: --bogus is not an option (known: pairs, partitions, topics, shared-topics, "
                        + "duration, settle-timeout, polling-interval, hpa-interval, client-threads, streams, "
                        + "rpc-deadline, out); "
                        + "--pairs='0,10' is invalid: expected comma-separated whole numbers in [1, 5000]; "
                        + "--topics='some' is invalid: expected per-pair or shared; "
                        + "--streams='yes' is invalid: expected true or false");
    }
}
