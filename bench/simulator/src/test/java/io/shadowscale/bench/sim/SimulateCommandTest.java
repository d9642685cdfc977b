package io.shadowscale.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThatThrownBy(() -> SimulateCommand.parse(new String[] {"--capcity", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "unknown option --capcity; options: [--trace, --history-days, --forecast, --peak, --seed, "
                                + "--out, --capacity,");
    }

    @Test
    void tunedKedaThresholdFollowsCapacityAndCommitInterval() {
        SimConfig config = SimulateCommand.config(
                SimulateCommand.parse(new String[] {"--capacity", "8000", "--commit-interval", "2"}));
        assertThat(config.kedaTunedLagThreshold()).isEqualTo(8_000);
        assertThat(config.policySettings().workerCapacity()).isEqualTo(8_000.0);
        assertThat(SimulateCommand.config(SimulateCommand.parse(new String[] {"--learn"}))
                        .policySettings()
                        .workerCapacity())
                .isZero();
    }
}
