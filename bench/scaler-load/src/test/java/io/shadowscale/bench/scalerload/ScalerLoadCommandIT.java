package io.shadowscale.bench.scalerload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke of {@code bench scaler-load}: 3 pairs on one real broker and scaler, polled every
 * second (and the HPA every second) with push streams, measured for 6 s (more than the 5 s metrics interval). Checks
 * that every pair settles, every RPC was answered without error, the Admin calls were counted, and that the summary and
 * report carry what the docs promise. Speed is not checked.
 */
class ScalerLoadCommandIT {
    @Test
    void aSmallRunSettlesEveryPairAndWritesTheSummaryFields() throws Exception {
        Path out = Path.of("target", "scaler-load-smoke");
        ScalerLoadSettings settings = ScalerLoadOptions.parse(Map.of(
                "pairs",
                "3",
                "partitions",
                "2",
                "duration",
                "6",
                "polling-interval",
                "1",
                "hpa-interval",
                "1",
                "streams",
                "true",
                "settle-timeout",
                "60",
                "client-threads",
                "2",
                "out",
                out.toString()));

        ScalerLoadCommand.run(settings, System.out);

        JsonNode summary =
                new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("command").asText()).isEqualTo("scaler-load");
        assertThat(summary.get("failures").size())
                .as("failures: " + summary.get("failures"))
                .isZero();
        assertThat(summary.get("settings").get("pairs").get(0).asInt()).isEqualTo(3);
        JsonNode point = summary.get("points").get(0);
        assertThat(point.get("pairs").asInt()).isEqualTo(3);
        assertThat(point.get("scaled_objects").asInt()).isEqualTo(6);
        assertThat(point.get("total_partitions").asInt()).isEqualTo(6);
        assertThat(point.get("startup").get("settled").asBoolean()).isTrue();
        assertThat(point.get("startup").get("metric_specs").asInt()).isEqualTo(6);
        assertThat(point.get("errors").size())
                .as("errors: " + point.get("errors"))
                .isZero();
        for (String rpc : new String[] {"GetMetrics", "IsActive"}) {
            JsonNode r = point.get("rpc").get(rpc);
            assertThat(r.get("count").asDouble()).as(rpc + " count").isPositive();
            assertThat(r.get("p99_ms").asDouble()).as(rpc + " p99").isPositive();
            assertThat(r.get("max_ms").asDouble())
                    .isGreaterThanOrEqualTo(r.get("p99_ms").asDouble());
        }
        assertThat(point.get("streams").get("open_at_end").asInt()).isEqualTo(6);
        JsonNode admin = point.get("admin");
        assertThat(admin.get("calls_per_s").asDouble()).isPositive();
        assertThat(admin.get("calls_per_s_by_method").has("listOffsets"))
                .as("admin: " + admin)
                .isTrue();
        assertThat(point.get("admin_startup").get("describeTopics").asLong()).isPositive();
        assertThat(point.get("heap").has("per_pair_kb")).isTrue();
        assertThat(point.get("controller").get("busy_fraction").asDouble()).isBetween(0.0, 1.0);
        assertThat(point.get("cpu").get("cpu_seconds_per_second_by_group").has(ThreadCpu.CONTROLLER))
                .isTrue();
        assertThat(point.get("commands_seen").get("ACTIVATE").asLong()).isPositive();
        assertThat(Files.readString(out.resolve("report.md"))).contains("| 3 | 2 | 3 |", "charts/p99-vs-pairs.svg");
        assertThat(out.resolve("charts/p99-vs-pairs.svg")).exists();
        assertThat(out.resolve("charts/admin-vs-pairs.svg")).exists();
    }
}
