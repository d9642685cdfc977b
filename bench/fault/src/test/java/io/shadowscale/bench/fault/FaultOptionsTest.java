package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
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
                .hasMessage(String.join(
                        "\n",
                        "Unknown options: '--speed', '3'",
                        "Invalid value for option '--scenarios': expected all or labels from [clean, active-kill, "
                                + "shadow-kill, controller-kill, broker-restart-steady, broker-restart-cutover, "
                                + "slow-processor, bad-control, cut-active, cut-shadow, cut-handoff, cut-scaler, "
                                + "latency-200ms, leader-kill] but was 'nope'",
                        "Invalid value for option '--repeat': expected a whole number >= 1 but was 0"));
    }

    @Test
    void rejectsAWalkToTheSameSize() {
        assertThatThrownBy(() -> FaultOptions.parse(new String[] {"--from", "3", "--to", "3"}, NOW))
                .hasMessage("--from and --to are both 3: expected different sizes");
    }

    @Test
    void rejectsMoreWorkersThanPartitions() {
        assertThatThrownBy(() -> FaultOptions.parse(new String[] {"--to", "7"}, NOW))
                .hasMessage("--to=7 is above --partitions=6");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        FaultOptions options = new FaultOptions();

        OptionalInt code = BenchCli.parse(
                options, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString())
                .startsWith("Usage: ./shadowscale bench fault [OPTIONS]\n")
                .contains("\nScenarios:\n  clean                    one walk --from -> --to, no fault\n");
        assertThat(BenchCli.defaults(options))
                .containsExactly(
                        entry("--scenarios", "all"),
                        entry("--repeat", "3"),
                        entry("--rate", "2000"),
                        entry("--partitions", "6"),
                        entry("--record-size", "100"),
                        entry("--from", "2"),
                        entry("--to", "3"),
                        entry("--steady-before", "5"),
                        entry("--after", "3"),
                        entry("--recovery-timeout", "180"),
                        entry("--warmup-timeout", "150"),
                        entry("--drain-timeout", "30"),
                        entry("--slow-delay-us", "0"),
                        entry("--out", "reports/fault/<timestamp>"));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(options));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new FaultOptions(),
                new String[] {"--record-size=8"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("fault: invalid options:\n"
                        + "  - Invalid value for option '--record-size': expected a whole number >= 16 but was 8\n"
                        + "Usage: ./shadowscale bench fault [OPTIONS]\n");
    }

    @Test
    void theShortFormOfCiIsItsCommandLine() {
        Path out = Path.of("reports", "ci");

        assertThat(FaultSettings.ci(List.of(FaultScenario.CLEAN, FaultScenario.BAD_CONTROL), out))
                .isEqualTo(new FaultSettings(
                        List.of(FaultScenario.CLEAN, FaultScenario.BAD_CONTROL),
                        1,
                        1_000,
                        6,
                        100,
                        1,
                        2,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(150),
                        Duration.ofSeconds(120),
                        Duration.ofSeconds(60),
                        1250,
                        FaultSettings.ownClasspath(),
                        out));
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
                List.of(),
                Map.of());
    }
}
