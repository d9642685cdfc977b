package io.shadowscale.bench.fault;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes {@code summary.json} (settings, every run, per-scenario aggregates) and {@code report.md}. */
final class FaultReport {
    private FaultReport() {}

    /** Per scenario: runs, losses, duplicates (min-max), recovery (median, max), final states. */
    record Aggregate(
            String scenario,
            int runs,
            int recovered,
            long lost,
            long duplicatesMin,
            long duplicatesMax,
            long recoveryMedianMs,
            long recoveryMaxMs,
            List<String> finalStates,
            boolean exactlyOnceExpected) {}

    static List<Aggregate> aggregate(List<FaultResult> results) {
        Map<FaultScenario, List<FaultResult>> by = results.stream()
                .collect(Collectors.groupingBy(FaultResult::scenario, LinkedHashMap::new, Collectors.toList()));
        List<Aggregate> out = new ArrayList<>();
        by.forEach((scenario, runs) -> {
            List<Long> rec = runs.stream()
                    .filter(FaultResult::recovered)
                    .map(FaultResult::recoveryMs)
                    .sorted()
                    .toList();
            out.add(new Aggregate(
                    scenario.label(),
                    runs.size(),
                    rec.size(),
                    runs.stream().mapToLong(r -> Math.max(0, r.lost())).sum()
                            + runs.stream().filter(r -> r.lost() < 0).count(),
                    runs.stream().mapToLong(FaultResult::duplicates).min().orElse(0),
                    runs.stream().mapToLong(FaultResult::duplicates).max().orElse(0),
                    rec.isEmpty() ? -1 : rec.get((rec.size() - 1) / 2),
                    rec.isEmpty() ? -1 : rec.get(rec.size() - 1),
                    runs.stream().map(FaultResult::finalState).distinct().toList(),
                    scenario.exactlyOnceExpected()));
        });
        return out;
    }

    static void write(
            Path dir, FaultSettings settings, List<FaultResult> results, Instant started, Instant ended, String machine)
            throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(
                "scenarios",
                settings.scenarios().stream().map(FaultScenario::label).toList());
        s.put("repeat", settings.repeat());
        s.put("rate", settings.rate());
        s.put("partitions", settings.partitions());
        s.put("record_size", settings.recordSize());
        s.put("from", settings.from());
        s.put("to", settings.to());
        s.put("steady_before_s", settings.steadyBefore().toSeconds());
        s.put("recovery_timeout_s", settings.recoveryTimeout().toSeconds());
        s.put("warmup_timeout_s", settings.warmupTimeout().toSeconds());
        s.put("slow_delay_us", settings.slowDelayMicros());
        s.put("network_cut_s", NetworkFaults.CUT_SECONDS);
        s.put("network_latency_ms", NetworkFaults.LATENCY_MS);
        json.put("settings", s);
        json.put("started", started.toString());
        json.put("ended", ended.toString());
        json.put("machine", machine);
        json.put("aggregates", aggregate(results));
        json.put("runs", results.stream().map(FaultReport::run).toList());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("summary.json").toFile(), json);
        Files.writeString(dir.resolve("report.md"), markdown(settings, results, started, ended, machine));
    }

    private static Map<String, Object> run(FaultResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", r.scenario().label());
        m.put("run", r.run());
        m.put("sent", r.sent());
        m.put("acked", r.acked());
        m.put("lost", r.lost());
        m.put("unprocessed_at_end", r.unprocessed());
        m.put("duplicates", r.duplicates());
        m.put("recovered", r.recovered());
        m.put("recovery_ms", r.recoveryMs());
        m.put("final_state", r.finalState());
        m.put("fallback_partitions", r.fallbackPartitions());
        m.put("fallback_records", r.fallbackRecords());
        m.put("rejected_control_records", r.rejectedControlRecords());
        m.put("notes", r.notes());
        m.put("transitions", r.transitions());
        m.put("figures_ms", r.figures());
        return m;
    }

    static String markdown(
            FaultSettings settings, List<FaultResult> results, Instant started, Instant ended, String machine) {
        StringBuilder b = new StringBuilder("# Fault bench\n\n");
        b.append(String.format(
                Locale.ROOT,
                "%s to %s; %s. %,d msg/s into %d partitions, %d-byte records, walk blue %d "
                        + "-> green %d, %d run(s) per scenario, slow processor %d us/record, network cuts %d s "
                        + "(steady again counted from the link's return), added latency %d ms.%n%n",
                started,
                ended,
                machine,
                settings.rate(),
                settings.partitions(),
                settings.recordSize(),
                settings.from(),
                settings.to(),
                settings.repeat(),
                settings.slowDelayMicros(),
                NetworkFaults.CUT_SECONDS,
                NetworkFaults.LATENCY_MS));
        b.append("| scenario | runs | lost | duplicates (min-max) | steady again: median / max s | final state |\n");
        b.append("| --- | --- | --- | --- | --- | --- |\n");
        for (Aggregate a : aggregate(results)) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d (%d recovered) | %d | %d-%d%s | %s / %s | %s |%n",
                    a.scenario(),
                    a.runs(),
                    a.recovered(),
                    a.lost(),
                    a.duplicatesMin(),
                    a.duplicatesMax(),
                    a.exactlyOnceExpected() ? "" : " (at-least-once)",
                    secs(a.recoveryMedianMs()),
                    secs(a.recoveryMaxMs()),
                    String.join(", ", a.finalStates())));
        }
        b.append("\n## Runs\n\n| scenario | run | acked | lost | unprocessed at end | duplicates | steady again s "
                + "| final state | fallback partitions / records | ignored control records |\n"
                + "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (FaultResult r : results) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,d | %d | %d | %d | %s | %s | %d / %d | %d |%n",
                    r.scenario().label(),
                    r.run(),
                    r.acked(),
                    r.lost(),
                    r.unprocessed(),
                    r.duplicates(),
                    secs(r.recoveryMs()),
                    r.finalState(),
                    r.fallbackPartitions().size(),
                    r.fallbackRecords(),
                    r.rejectedControlRecords()));
        }
        b.append(figures(results));
        b.append("\n## What happened\n");
        for (FaultResult r : results) {
            b.append("\n### ")
                    .append(r.scenario().label())
                    .append(" #")
                    .append(r.run())
                    .append("\n\n```\n");
            r.notes().forEach(n -> b.append(n).append('\n'));
            b.append("transitions:\n");
            r.transitions().forEach(t -> b.append("  ").append(t).append('\n'));
            b.append("```\n");
        }
        return b.toString();
    }

    /**
     * The scenarios' own timings (ms from the fault, e.g. {@code leader-kill}'s takeover), one row per
     * run and a median / max row per scenario; empty when no run has any.
     */
    static String figures(List<FaultResult> results) {
        StringBuilder b = new StringBuilder();
        Map<FaultScenario, List<FaultResult>> by = results.stream()
                .filter(r -> !r.figures().isEmpty())
                .collect(Collectors.groupingBy(FaultResult::scenario, LinkedHashMap::new, Collectors.toList()));
        by.forEach((scenario, runs) -> {
            List<String> names = runs.stream()
                    .flatMap(r -> r.figures().keySet().stream())
                    .distinct()
                    .sorted()
                    .toList();
            b.append("\n## Timings of ").append(scenario.label()).append(" (ms from the fault)\n\n| run | ");
            b.append(String.join(" | ", names)).append(" | steady again |\n|");
            b.append(" --- |".repeat(names.size() + 2)).append('\n');
            for (FaultResult r : runs) {
                b.append("| ").append(r.run()).append(" | ");
                names.forEach(
                        n -> b.append(ms(r.figures().getOrDefault(n, -1L))).append(" | "));
                b.append(ms(r.recoveryMs())).append(" |\n");
            }
            b.append("| median / max | ");
            names.forEach(n -> b.append(spread(runs.stream()
                            .map(r -> r.figures().getOrDefault(n, -1L))
                            .toList()))
                    .append(" | "));
            b.append(spread(runs.stream().map(FaultResult::recoveryMs).toList()))
                    .append(" |\n");
        });
        return b.toString();
    }

    /** Median / max of the values that happened (>= 0), with how many did not. */
    private static String spread(List<Long> values) {
        List<Long> happened = values.stream().filter(v -> v >= 0).sorted().toList();
        if (happened.isEmpty()) {
            return "never";
        }
        long missing = values.size() - happened.size();
        return happened.get((happened.size() - 1) / 2) + " / " + happened.get(happened.size() - 1)
                + (missing == 0 ? "" : " (" + missing + " never)");
    }

    private static String ms(long ms) {
        return ms < 0 ? "never" : Long.toString(ms);
    }

    private static String secs(long ms) {
        return ms < 0 ? "never" : String.format(Locale.ROOT, "%.1f", ms / 1e3);
    }
}
