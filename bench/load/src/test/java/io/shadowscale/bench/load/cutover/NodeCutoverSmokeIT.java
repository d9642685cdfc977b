package io.shadowscale.bench.load.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.bench.load.LoadCommand;
import io.shadowscale.bench.load.LoadOptions;
import io.shadowscale.bench.load.LoadReport;
import io.shadowscale.bench.load.LoadSettings;
import io.shadowscale.bench.load.Recorder;
import io.shadowscale.bench.load.ScenarioRegistry;
import io.shadowscale.bench.load.ScenarioResult;
import io.shadowscale.localkafka.LocalKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The smoke of {@code bench load compare --scenarios cutover --processor node}: every worker in
 * sidecar mode with its own Node.js process ({@code examples/node-processor}, after {@code npm ci}
 * there), 500 msg/s for 36 s on 6 partitions with {@code --walks 2} (2 -> 4 at 3 s, 4 -> 2 at 20 s),
 * on a real local broker. Records count as processed when the Node application's ack reaches the
 * worker; nothing may be lost or duplicated, and both walks must end STEADY. Checks correctness,
 * not speed: how long a walk takes depends on how fast the Node processes start.
 */
class NodeCutoverSmokeIT {
    @Test
    void cutoverWithNodeProcessorsLosesNothingDuplicatesNothingAndFinishesTwoWalks() throws Exception {
        Path out = Path.of("target", "load-smoke-cutover-node");
        LoadSettings settings = LoadOptions.parse(Map.ofEntries(
                Map.entry("rate", "500"),
                Map.entry("duration", "36"),
                Map.entry("scale-up-at", "3"),
                Map.entry("walks", "2"),
                Map.entry("walk-every", "17"),
                Map.entry("partitions", "6"),
                Map.entry("drain-timeout", "30"),
                Map.entry("warmup", "0"),
                Map.entry("scenarios", "cutover"),
                Map.entry("processor", "node"),
                Map.entry("out", out.toString())));
        CutoverScenario scenario = new CutoverScenario(CutoverSettings.defaults(), System.out);
        ScenarioRegistry registry =
                ScenarioRegistry.defaults().register(ScenarioRegistry.CUTOVER, "cutover, node", true, () -> scenario);

        LoadReport.RunSummary summary;
        try (LocalKafka kafka = LocalKafka.start()) {
            summary = LoadCommand.run(kafka.bootstrapServers(), "compare", settings, registry, System.out);
        }
        LoadReport.write(out, summary);

        assertThat(summary.scenarios()).hasSize(1);
        ScenarioResult r = summary.scenarios().get(0);
        assertThat(r.error()).isNull();
        assertThat(r.sent()).isEqualTo(18_000);
        assertThat(r.lost()).isZero();
        assertThat(r.duplicates()).isZero();
        assertThat(r.events()).extracting(Recorder.ScaleEvent::label).containsExactly("scale 2->4", "scale 4->2");
        assertThat(r.walkFigures().walks()).isEqualTo(2);
        assertThat(scenario.walks())
                .extracting(WalkReport::from, WalkReport::to, WalkReport::outcome)
                .containsExactly(tuple(2, 4, "steady"), tuple(4, 2, "steady"));
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(json.get("settings").get("processor").asText()).isEqualTo("node");
        assertThat(json.get("scenarios").get(0).get("walks").asInt()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("report.md"))).contains("processor=node");
    }
}
