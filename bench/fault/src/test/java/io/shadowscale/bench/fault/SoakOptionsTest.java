package io.shadowscale.bench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.testkit.cli.BenchCli;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoakOptionsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T14:00:00Z");

    @Test
    void defaultsAreHalfAnHourAt120kWithAWalkEveryTwoMinutes() {
        SoakSettings s = SoakOptions.parse(new String[0], NOW);

        assertThat(s.load()).isEqualTo(new SoakSettings.Load(120_000, 6, 100));
        assertThat(s.walks()).isEqualTo(new SoakSettings.Walks(2, 3, Duration.ofSeconds(120), Duration.ofSeconds(90)));
        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.sampleEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(s.out()).isEqualTo(Path.of("reports", "soak", "20261202-140000"));
    }

    @Test
    void aShortRunIsChosenByOption() {
        SoakSettings s = SoakOptions.parse(
                new String[] {"--duration", "3", "--rate=20000", "--walk-every", "45", "--out", "/tmp/s"}, NOW);

        assertThat(s.duration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.load().rate()).isEqualTo(20_000);
        assertThat(s.walks().every()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.out()).isEqualTo(Path.of("/tmp/s"));
    }

    @Test
    void walksGoToTheOtherSize() {
        SoakSettings.Walks w = new SoakSettings.Walks(2, 3, Duration.ofSeconds(60), Duration.ofSeconds(90));

        assertThat(w.other(2)).isEqualTo(3);
        assertThat(w.other(3)).isEqualTo(2);
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(() -> SoakOptions.parse(
                        new String[] {
                            "--duration",
                            "0",
                            "--walk-every",
                            "5",
                            "--sample-every",
                            "61",
                            "--rate",
                            "x",
                            "--speed",
                            "3"
                        },
                        NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--rate': 'x' is not an int",
                        "Unknown options: '--speed', '3'",
                        "Invalid value for option '--duration': expected a whole number >= 1 but was 0",
                        "Invalid value for option '--walk-every': expected a whole number >= 10 but was 5",
                        "Invalid value for option '--sample-every': expected a whole number in [1, 60] but was 61"));
    }

    @Test
    void rejectsAWalkToTheSameSize() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--from", "3", "--to", "3"}, NOW))
                .hasMessage("--from and --to are both 3: expected different sizes");
    }

    @Test
    void rejectsMoreWorkersThanPartitions() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--to", "7"}, NOW))
                .hasMessage("--from=2 and --to=7: expected at most --partitions=6 workers");
    }

    @Test
    void rejectsARunTooShortForOneWalk() {
        assertThatThrownBy(() -> SoakOptions.parse(new String[] {"--duration", "2", "--walk-every", "120"}, NOW))
                .hasMessage("--walk-every=120 s is not shorter than --duration=2 min: expected at least one walk");
    }

    @Test
    void helpShowsEveryDefault() {
        SoakOptions options = new SoakOptions();

        assertThat(BenchCli.defaultsShown(BenchCli.usage(options))).isEqualTo(BenchCli.defaults(options));
    }
}
