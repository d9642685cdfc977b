package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {
    @Test
    void parsesDefaults() {
        LoadSettings s = LoadOptions.parseArgs("compare", "--out", "x");

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
                .hasMessage("--walks=6 every 10 s from --scale-up-at=10 do not fit in --duration=50: "
                        + "the last is at 60 s");
    }

    @Test
    void parsesBothArgumentForms() {
        LoadSettings s = LoadOptions.parseArgs("compare", "--rate", "2000", "--scenarios=eager,share", "--acks", "1");

        assertThat(s.rate()).isEqualTo(2000);
        assertThat(s.scenarios()).containsExactly("eager", "share");
        assertThat(s.acks()).isEqualTo("1");
    }

    @Test
    void aScenarioNameRunsThatScenarioAlone() {
        assertThat(LoadOptions.parseArgs("--rate=3000", "share").scenarios()).containsExactly("share");
    }

    @Test
    void reportsEveryBadOptionAtOnceByName() {
        assertThatThrownBy(() -> LoadOptions.parseArgs(
                        "compare", "--rate", "fast", "--record-size", "8", "--acks", "0", "--bogus", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--rate': 'fast' is not an int",
                        "Unknown options: '--bogus', '1'",
                        "Invalid value for option '--record-size': expected a whole number >= 16 but was 8",
                        "Invalid value for option '--acks': expected one of [all, 1] but was '0'"));
    }

    @Test
    void rejectsScaleEventsOutOfOrder() {
        assertThatThrownBy(
                        () -> LoadOptions.parse(Map.of("duration", "15", "scale-up-at", "10", "scale-down-at", "20")))
                .hasMessage("--scale-up-at=10, --scale-down-at=20, --duration=15 are invalid: "
                        + "expected scale-up-at < scale-down-at < duration");
    }

    @Test
    void rejectsAnUnknownScenario() {
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("scenarios", "steady,static")))
                .hasMessage("Invalid value for option '--scenarios': expected comma-separated names from "
                        + "[steady, eager, cooperative, consumer, share, cutover] but was 'steady,static'");
    }

    @Test
    void rejectsAnUnknownCommand() {
        assertThatThrownBy(() -> LoadOptions.parseArgs("comprae"))
                .hasMessage("unknown load command 'comprae': expected a scenario, compare or ceiling");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        LoadOptions options = new LoadOptions(ScenarioRegistry.defaults());

        OptionalInt code = BenchCli.parse(
                options, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString())
                .startsWith("Usage: ./shadowscale bench load <scenario|compare|ceiling> [OPTIONS]\n")
                .contains(
                        "      --rate=<rate>",
                        "Default: 5000",
                        "      --out=DIR",
                        "Default: reports/load/<timestamp>",
                        "Default: 0.05",
                        "\nWhat to run:\n  steady ",
                        "  compare       the --scenarios back to back");
        assertThat(BenchCli.defaults(options).keySet())
                .containsExactly(
                        "--rate",
                        "--duration",
                        "--record-size",
                        "--partitions",
                        "--cost-us",
                        "--members",
                        "--scale-to",
                        "--scale-up-at",
                        "--scale-down-at",
                        "--producer-threads",
                        "--acks",
                        "--drain-timeout",
                        "--event-window",
                        "--warmup",
                        "--fetch-min-bytes",
                        "--fetch-max-wait-ms",
                        "--scenarios",
                        "--walks",
                        "--walk-every",
                        "--handoff",
                        "--processor",
                        "--group-heartbeat-ms",
                        "--out",
                        "--probe-duration",
                        "--probe-start-rate",
                        "--probe-max",
                        "--probe-precision");
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(options));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOptionAndWhatIsAllowed() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new LoadOptions(ScenarioRegistry.defaults()),
                new String[] {"compare", "--probe-precision=1.5"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("load: invalid options:\n"
                        + "  - Invalid value for option '--probe-precision': expected a number in (0, 1) but was 1.5\n"
                        + "Usage: ./shadowscale bench load");
    }

    @Test
    void refusesTheNodeProcessorForScenariosWithoutShadowscaleWorkers() {
        assertThatThrownBy(() -> LoadOptions.parse(Map.of("scenarios", "steady,cutover, eager", "processor", "node")))
                .hasMessage("--processor=node applies to the cutover scenario only (its workers get "
                        + "Node.js sidecars); steady,eager run plain Kafka consumers: use --scenarios cutover");
        assertThat(LoadOptions.parse(Map.of("scenarios", "cutover", "processor", "node", "out", "x"))
                        .processor())
                .isEqualTo("node");
    }
}
