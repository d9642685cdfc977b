package io.shadowscale.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.localkafka.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CI smoke of {@code bench load compare}: every baseline at 2,000 msg/s for 10 s with a scale-up
 * at 3 s and a scale-down at 6 s, on a real local broker. Checks correctness, not speed.
 *
 * <p>Every scenario must lose nothing. Duplicates must be zero for the groups whose members commit
 * on revoke and leave gracefully: classic eager (everything revoked, committed, reassigned),
 * cooperative-sticky (the moved partitions are committed in {@code onPartitionsRevoked} before the
 * second rebalance hands them over; the duplicates often quoted for cooperative groups come from
 * periodic commits without commit-on-revoke, which this harness does not use) and the KIP-848 group
 * (revocation acknowledged after the commit). The share group promises at-least-once delivery
 * only, so its duplicates are reported, not asserted.
 *
 * <p>The Shadowscale {@code cutover} scenario runs after them on the same broker with its own
 * timeline: with the broker's default 5 s KIP-848 heartbeats a new slot takes about 10 s to warm
 * up, so at 10 s of production both cutovers would happen after the producer stopped and check
 * nothing. It produces for 40 s, scales up at 3 s and down at 20 s, and must lose nothing,
 * duplicate nothing, and finish both walks while records flow: the running workers of both slots,
 * sampled each second of production, go 2 -> 6 (warming) -> 4 -> 6 -> 2.
 */
class LoadCompareSmokeIT {
    private static final List<String> SCENARIOS = List.of("steady", "eager", "cooperative", "consumer", "share");

    @Test
    void everyBaselineLosesNothingAndCommitOnRevokeGroupsDuplicateNothing() throws Exception {
        Path out = Path.of("target", "load-smoke");
        LoadSettings settings = smokeSettings(out, 10, 6, String.join(",", SCENARIOS));

        LoadReport.RunSummary summary;
        try (LocalKafka kafka = LocalKafka.start()) {
            summary = LoadCommand.run(
                    kafka.bootstrapServers(), "compare", settings, ScenarioRegistry.defaults(), System.out);
        }
        LoadReport.write(out, summary);

        assertThat(summary.scenarios()).extracting(ScenarioResult::scenario).containsExactlyElementsOf(SCENARIOS);
        for (ScenarioResult r : summary.scenarios()) {
            assertThat(r.error()).as(r.scenario() + " error").isNull();
            assertThat(r.sent()).as(r.scenario() + " sent").isEqualTo(20_000);
            assertThat(r.lost()).as(r.scenario() + " lost").isZero();
            if (!r.scenario().equals("share")) {
                assertThat(r.duplicates()).as(r.scenario() + " duplicates").isZero();
            }
            if (!r.scenario().equals("steady")) {
                assertThat(r.events())
                        .as(r.scenario() + " events")
                        .extracting(Recorder.ScaleEvent::label)
                        .containsExactly("scale 2->4", "scale 4->2");
            }
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(json.get("settings").get("rate").asInt()).isEqualTo(2000);
        for (JsonNode s : json.get("scenarios")) {
            for (String field : List.of(
                    "throughput_msgs_per_s",
                    "steady_p99_ms",
                    "event_p99_ms",
                    "event_max_ms",
                    "max_partition_gap_ms",
                    "duplicates",
                    "lost")) {
                assertThat(s.has(field))
                        .as(s.get("scenario").asText() + " has " + field)
                        .isTrue();
            }
        }
        assertThat(Files.readString(out.resolve("report.md"))).contains("| eager |", "| share |");
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg");
    }

    @Test
    void cutoverLosesNothingDuplicatesNothingAndFinishesBothWalksWhileRecordsFlow() throws Exception {
        Path out = Path.of("target", "load-smoke-cutover");
        LoadSettings settings = smokeSettings(out, 40, 20, "cutover");

        LoadReport.RunSummary summary;
        try (LocalKafka kafka = LocalKafka.start()) {
            summary = LoadCommand.run(
                    kafka.bootstrapServers(), "compare", settings, ScenarioRegistry.defaults(), System.out);
        }
        LoadReport.write(out, summary);

        assertThat(summary.scenarios()).hasSize(1);
        ScenarioResult r = summary.scenarios().get(0);
        assertThat(r.scenario()).isEqualTo("cutover");
        assertThat(r.error()).isNull();
        assertThat(r.sent()).isEqualTo(80_000);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.events()).extracting(Recorder.ScaleEvent::label).containsExactly("scale 2->4", "scale 4->2");
        List<Integer> members = new ArrayList<>();
        int[] replicas = r.perSecond().replicas();
        for (int second = 0; second < Math.min(40, replicas.length); second++) {
            int m = replicas[second];
            if (m >= 0 && (members.isEmpty() || members.get(members.size() - 1) != m)) {
                members.add(m);
            }
        }
        assertThat(members).as("running workers per second of production").containsExactly(2, 6, 4, 6, 2);
    }

    /** 2,000 msg/s on 6 partitions, scale-up at 3 s, no warm-up, 20 s to drain, written to {@code out}. */
    private static LoadSettings smokeSettings(Path out, int durationS, int scaleDownAtS, String scenarios) {
        return LoadOptions.parse(Map.of(
                "rate",
                "2000",
                "duration",
                String.valueOf(durationS),
                "scale-up-at",
                "3",
                "scale-down-at",
                String.valueOf(scaleDownAtS),
                "partitions",
                "6",
                "drain-timeout",
                "20",
                "out",
                out.toString(),
                "warmup",
                "0",
                "scenarios",
                scenarios));
    }
}
