package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.testkit.cli.BenchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
    @Test
    void writesJsonMarkdownHtmlAndChartsForACsvTrace(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ramp.csv");
        Files.writeString(csv, "time_seconds,msgs_per_s\n0,10000\n1800,90000\n3600,90000\n7200,10000\n");
        Path out = dir.resolve("out");

        SimulateCommand.main(new String[] {"--trace", csv.toString(), "--out", out.toString()});

        JsonNode json = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode trace = json.get("traces").get(0);
        assertThat(trace.get("trace").asText()).isEqualTo("ramp");
        assertThat(trace.get("hours").asDouble()).isEqualTo(2.0);
        assertThat(trace.get("strategies"))
                .extracting(s -> s.get("name").asText())
                .containsExactly(
                        "shadowscale", "keda-lag10", "keda-lag30000", "static-peak", "oracle+headroom", "oracle");
        assertThat(json.get("config").get("workerCapacity").asDouble()).isEqualTo(12_000.0);
        assertThat(Files.readString(out.resolve("results.md"))).contains("| shadowscale |", "chart-ramp-workers.svg");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<svg", "ramp: workers billed");
        assertThat(Files.readString(out.resolve("chart-ramp-lag.svg"))).startsWith("<svg");
    }

    @Test
    void rejectsUnknownOptionsNamingTheKnownOnes() {
        assertThatThrownBy(() -> SimulateOptions.parse("--capcity", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown options: '--capcity', '1' (did you mean --capacity?)");
    }

    @Test
    void tunedKedaThresholdFollowsCapacityAndCommitInterval() {
        SimConfig config = SimulateOptions.parse("--capacity", "8000", "--commit-interval", "2")
                .config();
        assertThat(config.kedaTunedLagThreshold()).isEqualTo(8_000);
        assertThat(config.policySettings().workerCapacity()).isEqualTo(8_000.0);
        assertThat(SimulateOptions.parse("--learn").config().policySettings().workerCapacity())
                .isZero();
        SimConfig told =
                SimulateOptions.parse("--learn", "false", "--forecast=false").config();
        assertThat(told.learnCapacity()).isFalse();
        assertThat(told.forecast()).isFalse();
    }

    @Test
    void theDefaultsAreTheSimulationsDefaults() {
        assertThat(SimulateOptions.parse().config()).isEqualTo(SimConfig.DEFAULTS);
    }

    @Test
    void reportsEveryBadOptionAtOnce() {
        assertThatThrownBy(() -> SimulateOptions.parse(
                        "--history-days=29", "--capacity", "0", "--keda-tuned-lag-threshold", "some", "--seed", "x"))
                .hasMessage(String.join(
                        "\n",
                        "Invalid value for option '--seed': 'x' is not a long",
                        "Invalid value for option '--history-days': expected a whole number in [0, 28] but was 29",
                        "Invalid value for option '--capacity': expected a number > 0 but was 0",
                        "Invalid value for option '--keda-tuned-lag-threshold': expected auto or a whole number >= 0"
                                + " but was 'some'"));
        assertThatThrownBy(() -> SimulateOptions.parse("--min", "5", "--keda-max", "4"))
                .hasMessage("--keda-max=4 is below --min=5");
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        StringWriter out = new StringWriter();
        SimulateOptions options = new SimulateOptions();

        OptionalInt code = BenchCli.parse(
                options, new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        assertThat(code).hasValue(0);
        assertThat(out.toString()).startsWith("Usage: ./shadowscale bench simulate [OPTIONS]\n");
        assertThat(BenchCli.defaults(options))
                .containsExactly(
                        entry("--trace", "all"),
                        entry("--history-days", "0"),
                        entry("--forecast", "true"),
                        entry("--peak", "120000"),
                        entry("--seed", "42"),
                        entry("--out", "reports/simulate"),
                        entry("--capacity", "12000"),
                        entry("--learn", "false"),
                        entry("--partitions", "12"),
                        entry("--min", "1"),
                        entry("--headroom", "0.2"),
                        entry("--lag-target", "30"),
                        entry("--up-delay", "15"),
                        entry("--down-delay", "300"),
                        entry("--decide-every", "5"),
                        entry("--warmup", "10"),
                        entry("--walk-warmup", "10500"),
                        entry("--fence", "30"),
                        entry("--barrier", "100"),
                        entry("--drain", "1000"),
                        entry("--commit-interval", "5.0"),
                        entry("--keda-lag-threshold", "10"),
                        entry("--keda-tuned-lag-threshold", "auto"),
                        entry("--rebalance-stall", "3.0"),
                        entry("--keda-max", "100"));
        assertThat(BenchCli.defaultsShown(out.toString())).isEqualTo(BenchCli.defaults(options));
    }

    @Test
    void aBadValueExitsWithTwoNamingTheOption() {
        StringWriter err = new StringWriter();

        OptionalInt code = BenchCli.parse(
                new SimulateOptions(),
                new String[] {"--forecast", "maybe"},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(code).hasValue(2);
        assertThat(err.toString())
                .startsWith("simulate: invalid options:\n"
                        + "  - Invalid value for option '--forecast': 'maybe' is not a boolean\n"
                        + "Usage: ./shadowscale bench simulate [OPTIONS]\n");
    }
}
