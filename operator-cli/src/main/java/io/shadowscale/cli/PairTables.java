package io.shadowscale.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shadowscale.common.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The table output of {@code pairs list} and {@code pairs show}, from the admin endpoint's JSON
 * (the scaler's {@code Views}). Ages are counted from {@code now}.
 */
final class PairTables {
    private static final Pattern RESIZE_PREFIX = Pattern.compile("^resize \\d+ -> \\d+: ");

    private PairTables() {}

    /** One line per pair. */
    static String list(JsonNode pairs, Instant now) {
        if (pairs.isEmpty()) {
            return "no pairs\n";
        }
        return Table.<JsonNode>columns()
                .add("PAIR", p -> p.path("pair").asText())
                .add("PHASE", p -> p.path("phase").asText())
                .add("FOR", p -> age(Instant.parse(p.path("since").asText()), now))
                .add("ACTIVE", p -> p.path("activeSlot").asText())
                .add("BLUE", p -> p.path("slotReplicas").path("blue").asText("-"))
                .add("GREEN", p -> p.path("slotReplicas").path("green").asText("-"))
                .add("PAUSED", p -> p.path("paused").asBoolean() ? "yes" : "no")
                .add("LAST WALK", p -> lastWalk(p.path("walks"), now))
                .add("INPUT/S", p -> traffic(p, t -> rate(t.path("inputRate"))))
                .add("PROGRESS/S", p -> traffic(p, t -> rate(t.path("progressRate"))))
                .add("LAG", p -> traffic(p, t -> t.path("lag").asText()))
                .of(pairs)
                .aligned();
    }

    /** {@code figure} of the pair's traffic, or {@code -} before the first observation. */
    private static String traffic(JsonNode pair, Function<JsonNode, String> figure) {
        JsonNode traffic = pair.path("traffic");
        return traffic.isObject() ? figure.apply(traffic) : "-";
    }

    /** One pair: its state, then one line per walk. */
    static String show(JsonNode p, Instant now) {
        List<List<String>> fields = new ArrayList<>();
        Instant since = Instant.parse(p.path("since").asText());
        field(fields, "pair", p.path("pair").asText());
        field(
                fields,
                "phase",
                p.path("phase").asText() + " for " + age(since, now) + " (since " + since + "), epoch "
                        + p.path("epoch").asLong() + ", command "
                        + p.path("commandId").asLong());
        field(fields, "active slot", p.path("activeSlot").asText());
        field(
                fields,
                "replicas",
                "blue " + p.path("slotReplicas").path("blue").asText("-") + ", green "
                        + p.path("slotReplicas").path("green").asText("-") + " (active "
                        + p.path("activeReplicas").asInt()
                        + ", target " + p.path("targetReplicas").asInt() + ")");
        field(fields, "paused", p.path("paused").asBoolean() ? "yes (automatic decisions stopped)" : "no");
        field(fields, "reason", p.path("reason").asText());
        JsonNode traffic = p.path("traffic");
        field(
                fields,
                "traffic",
                !traffic.isObject()
                        ? "not observed yet"
                        : "input " + rate(traffic.path("inputRate")) + "/s, progress "
                                + rate(traffic.path("progressRate"))
                                + "/s, lag " + traffic.path("lag").asLong() + " record(s) (observed "
                                + age(Instant.parse(traffic.path("at").asText()), now) + " ago)");
        List<String> fallback = texts(p.path("fallbackPartitions"));
        field(
                fields,
                "fallback",
                fallback.isEmpty()
                        ? "none"
                        : fallback.size() + " partition(s) from committed "
                                + "offsets (at-least-once), "
                                + p.path("fallbackRecords").asLong() + " record(s) known to be "
                                + "re-processed: " + String.join(", ", fallback));
        List<String> barrier = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : p.path("barrier").properties()) {
            barrier.add(e.getKey() + "@" + e.getValue().asLong());
        }
        if (!barrier.isEmpty()) {
            field(fields, "barrier", String.join(", ", barrier));
        }
        StringBuilder out = new StringBuilder(Table.of(fields).aligned());
        JsonNode walks = p.path("walks");
        out.append('\n');
        if (walks.isEmpty()) {
            return out.append("no walk in the kept history\n").toString();
        }
        out.append("walks (").append(walks.size()).append(", oldest first)\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("STARTED", "SLOTS", "SIZE", "RESULT", "TOOK", "WHY"));
        for (JsonNode w : walks) {
            String result = w.path("result").asText();
            Instant started = Instant.parse(w.path("startedAt").asText());
            String took = w.path("durationMs").isNumber()
                    ? duration(Duration.ofMillis(w.path("durationMs").asLong()))
                    : age(started, now) + " so far";
            String why = RESIZE_PREFIX.matcher(w.path("why").asText()).replaceFirst("");
            if (result.equals("rolled_back")) {
                why += "; rolled back: " + w.path("outcome").asText();
            } else if (result.equals("fallback")) {
                why += "; some partitions from committed offsets (at-least-once)";
            }
            rows.add(List.of(
                    started.toString(),
                    w.path("fromSlot").asText() + " -> " + w.path("toSlot").asText(),
                    sizes(w),
                    result.replace('_', ' '),
                    took,
                    why));
        }
        return out.append(Table.of(rows).aligned()).toString();
    }

    private static String lastWalk(JsonNode walks, Instant now) {
        if (walks.isEmpty()) {
            return "-";
        }
        JsonNode w = walks.get(walks.size() - 1);
        String result = w.path("result").asText();
        if (result.equals("in_progress")) {
            return "in progress " + sizes(w) + " for "
                    + age(Instant.parse(w.path("startedAt").asText()), now);
        }
        return result.replace('_', ' ') + " " + sizes(w) + ", "
                + age(Instant.parse(w.path("endedAt").asText()), now) + " ago";
    }

    private static String sizes(JsonNode w) {
        return w.path("fromReplicas").asText("?") + "->" + w.path("toReplicas").asText("?");
    }

    private static void field(List<List<String>> fields, String name, String value) {
        fields.add(List.of(name, value));
    }

    private static List<String> texts(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(n -> all.add(n.asText()));
        return all;
    }

    private static String rate(JsonNode value) {
        return String.format(Locale.ROOT, "%.1f", value.asDouble());
    }

    private static String age(Instant then, Instant now) {
        return duration(Duration.between(then, now));
    }

    /** 4.0s under ten seconds, then 12s, 5m02s, 3h04m, 2d03h (a negative span, from clock skew, is 0.0s). */
    static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        long s = ms / 1000;
        if (ms < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        } else if (s < 60) {
            return s + "s";
        } else if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        } else if (s < 86_400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86_400, s % 86_400 / 3600);
    }
}
