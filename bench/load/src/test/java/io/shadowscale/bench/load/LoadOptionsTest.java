package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    @Test
    void parsesDefaults() {
        LoadSettings s = LoadOptions.parse(Map.of("out", "x"));

        assertThat(s)
                .isEqualTo(new LoadSettings(
                        5000,
                        30,
                        200,
                        12,
                        5,
                        2,
                        4,
                        10,
                        20,
                        1,
                        "all",
                        30,
                        List.of("steady", "eager", "cooperative", "consumer", "share", "cutover"),
                        Path.of("x"),
                        60,
                        20000,
                        8,
                        0.05,
                        15,
                        20,
                        1,
                        500,
                        0,
                        15,
                        "planned",
                        5000,
                        "java"));
    }

    @Test
    void walksAlternateUpAndDownEveryWalkEverySeconds() {
        LoadSettings s = LoadOptions.parse(Map.of(
                "walks",
                "3",
                "walk-every",
                "12",
                "scale-up-at",
                "5",
                "duration",
                "60",
                "members",
                "2",
                "scale-to",
                "4"));
        assertThat(s.events()).containsExactly(new int[] {5, 2, 4}, new int[] {17, 4, 2}, new int[] {29, 2, 4});
    }

    @Test
    void rejectsWalksThatDoNotFitInTheDuration() {
        assertThatThrownBy(() -> LoadOptions.parse(
                        Map.of("walks", "6", "walk-every", "10", "scale-up-at", "10", "duration", "50")))
                .hasMessage("bad options: --walks=6 every 10 s from --scale-up-at=10 do not fit in --duration=50: "
                        + "the last is at 60 s");
    }

    @Test
    void parsesBothArgumentForms() {
        LoadSettings s =
                LoadOptions.parseArgs(new String[] {"--rate", "2000", "--scenarios=eager,share", "--acks", "1"});

        assertThat(s.rate()).isEqualTo(2000);
        assertThat(s.scenarios()).containsExactly("eager", "share");
        assertThat(s.acks()).isEqualTo("1");
    }

    @Test
    void reportsEveryBadOptionAtOnceByName() {
        assertThatThrownBy(() -> LoadOptions.parseArgs(
                        new String[] {"--rate", "fast", "--record-size", "8", "--acks", "0", "--bogus", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad options: --bogus is not an option (known: rate, duration, record-size, partitions, "
                        + "cost-us, members, scale-to, scale-up-at, scale-down-at, producer-threads, acks, "
                        + "drain-timeout, "
                        + "event-window, warmup, fetch-min-bytes, fetch-max-wait-ms, scenarios, walks, walk-every, "
                        + "handoff, processor, group-heartbeat-ms, out, probe-duration, probe-start-rate, probe-max, "
                        + "probe-precision); "
                        + "--rate='fast' is invalid: expected a whole number >= 1; "
                        + "--record-size='8' is invalid: expected a whole number >= 16; "
                        + "--acks='0' is invalid: expected all or 1");
    }

    @Test
    void rejectsScaleEventsOutOfOrder() {
        assertThatThrownBy(
                        () -> LoadOptions.parse(Map.of("duration", "15", "scale-up-at", "10", "scale-down-at", "20")))
                .hasMessage("bad options: --scale-up-at=10, --scale-down-at=20, --duration=15 are invalid: "
                        + "expected scale-up-at < scale-down-at < duration");
    }

    @Test
    void rejectsAnUnknownScenario() {
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("scenarios", "steady,static")))
                .hasMessage("bad options: --scenarios='steady,static' is invalid: expected names from "
                        + "[steady, eager, cooperative, consumer, share, cutover]");
    }

    @Test
    void refusesTheNodeProcessorForScenariosWithoutShadowscaleWorkers() {
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("scenarios", "steady,cutover, eager", "processor", "node")))
                .hasMessage("bad options: --processor=node applies to the cutover scenario only (its workers get "
                        + "Node.js sidecars); steady,eager run plain Kafka consumers: use --scenarios cutover");
        assertThat(LoadOptions.parse(Map.of("scenarios", "cutover", "processor", "node", "out", "x"))
                        .processor())
                .isEqualTo("node");
    }
}
