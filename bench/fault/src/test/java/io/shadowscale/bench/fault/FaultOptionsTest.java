package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultOptionsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T12:30:00Z");

    @Test
    void defaultsRunEveryScenarioThreeTimesIntoATimestampedDirectory() {
        FaultSettings s = FaultOptions.parse(new String[0], NOW);

        assertThat(s.scenarios()).containsExactly(FaultScenario.values());
        assertThat(s.repeat()).isEqualTo(3);
        assertThat(s.rate()).isEqualTo(2000);
        assertThat(s.from()).isEqualTo(2);
        assertThat(s.to()).isEqualTo(3);
        assertThat(s.slowDelayMicros()).isEqualTo(1250);
        assertThat(s.recoveryTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(s.warmupTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(s.out()).isEqualTo(Path.of("reports", "fault", "20261129-123000"));
    }

    @Test
    void scenariosAreChosenByLabel() {
        FaultSettings s = FaultOptions.parse(
                new String[] {"--scenarios", "active-kill,bad-control", "--repeat=1", "--out", "/tmp/x"}, NOW);

        assertThat(s.scenarios()).containsExactly(FaultScenario.ACTIVE_KILL, FaultScenario.BAD_CONTROL);
        assertThat(s.repeat()).isEqualTo(1);
        assertThat(s.out()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(() ->
                        FaultOptions.parse(new String[] {"--repeat", "0", "--scenarios", "nope", "--speed", "3"}, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--speed is not an option")
                .hasMessageContaining("--scenarios='nope' is invalid: expected all or labels from [clean, active-kill")
                .hasMessageContaining("--repeat='0' is invalid: expected a whole number >= 1");
    }

    @Test
    void rejectsAWalkToTheSameSize() {
        assertThatThrownBy(() -> FaultOptions.parse(new String[] {"--from", "3", "--to", "3"}, NOW))
                .hasMessage("--from and --to are both 3: expected different sizes");
    }

    @Test
    void aggregatesCountLossesTheDuplicateRangeAndTheLowerMedian() {
        List<FaultResult> runs = List.of(
                result(FaultScenario.ACTIVE_KILL, 1, 0, 120, 9_000),
                result(FaultScenario.ACTIVE_KILL, 2, 0, 40, 11_000),
                result(FaultScenario.ACTIVE_KILL, 3, 0, 300, -1));

        assertThat(FaultReport.aggregate(runs))
                .containsExactly(new FaultReport.Aggregate(
                        "active-kill", 3, 2, 0, 40, 300, 9_000, 11_000, List.of("STEADY greenx3 (epoch 9)"), false));
    }

    private static FaultResult result(FaultScenario scenario, int run, long lost, long duplicates, long recoveryMs) {
        return new FaultResult(
                scenario,
                run,
                100,
                100,
                lost,
                0,
                duplicates,
                recoveryMs,
                recoveryMs >= 0,
                "STEADY greenx3 (epoch 9)",
                List.of(),
                0,
                0,
                List.of(),
                List.of());
    }
}
