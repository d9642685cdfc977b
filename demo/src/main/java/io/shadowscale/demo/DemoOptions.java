package io.shadowscale.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The demo's options ({@code --name=value}); every problem is reported at once.
 *
 * @param day the traffic curve
 * @param partitions input (and output) topic partitions: the most workers a pair can use
 * @param recordSize input record size, bytes
 * @param workerCapacity records/s one worker is taken to sustain (0 = learn it from saturation)
 * @param scaleUpDelay how long a higher need must last before growing
 * @param scaleDownDelay how long a lower need must last before shrinking
 * @param pollingInterval the local KEDA's polling interval (KEDA's default is 30 s)
 * @param out where the report directory {@code <timestamp>/} is created
 * @param processor {@code java}: the example processor in the worker; {@code node}: every worker in
 *     sidecar mode with its own Node.js process running {@code examples/node-processor}
 */
public record DemoOptions(
        DayCurve day,
        int partitions,
        int recordSize,
        double workerCapacity,
        Duration scaleUpDelay,
        Duration scaleDownDelay,
        Duration pollingInterval,
        Path out,
        String processor) {
    /** Values of {@code --processor}. */
    static final List<String> PROCESSORS = List.of("java", "node");

    /** name -> [default, doc]. */
    static final Map<String, String[]> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("duration", new String[] {"240", "seconds the compressed day lasts (60..3600)"});
        OPTIONS.put("base", new String[] {"15000", "off-peak input rate, msg/s (0..1000000)"});
        OPTIONS.put("peak", new String[] {"120000", "peak input rate, msg/s (>= base, <= 1000000)"});
        OPTIONS.put("partitions", new String[] {"12", "partitions of the input topic (1..256)"});
        OPTIONS.put("record-size", new String[] {"200", "input record bytes (16..100000)"});
        OPTIONS.put(
                "worker-capacity",
                new String[] {"15000", "msg/s per worker the policy assumes; 0 = learn (0..1000000)"});
        OPTIONS.put("scale-up-delay", new String[] {"5", "seconds a higher need must last before growing (0..600)"});
        OPTIONS.put(
                "scale-down-delay", new String[] {"20", "seconds a lower need must last before shrinking (0..3600)"});
        OPTIONS.put("polling-interval", new String[] {"1", "local KEDA polling interval, seconds (1..60)"});
        OPTIONS.put("out", new String[] {"reports/demo", "report directory (a <timestamp>/ is made inside)"});
        OPTIONS.put(
                "processor",
                new String[] {"java", "java (in the worker) or node (sidecar mode + a Node.js process per worker)"});
    }

    public static String usage() {
        StringBuilder b = new StringBuilder("usage: ./shadowscale demo [--name=value | --name value]...\n");
        OPTIONS.forEach((k, v) -> b.append(String.format("  --%-18s %s (default %s)%n", k, v[1], v[0])));
        return b.toString();
    }

    /** @throws IllegalArgumentException listing every problem, one per line */
    public static DemoOptions parse(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        OPTIONS.forEach((k, v) -> values.put(k, v[0]));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = !arg.startsWith("--") ? "" : eq > 2 ? arg.substring(2, eq) : arg.substring(2);
            if (!OPTIONS.containsKey(name)) {
                problems.add("argument '" + arg + "': expected --name=value with name one of " + OPTIONS.keySet());
            } else if (eq > 2) {
                values.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i)); // --name value, as bench load takes it too
            } else {
                problems.add("argument '" + arg + "': has no value");
            }
        }
        Reader r = new Reader(values, problems);
        Long duration = r.number("duration", 60, 3600);
        Long base = r.number("base", 0, 1_000_000);
        Long peak = r.number("peak", 0, 1_000_000);
        Long partitions = r.number("partitions", 1, 256);
        Long recordSize = r.number("record-size", 16, 100_000);
        Long capacity = r.number("worker-capacity", 0, 1_000_000);
        Long up = r.number("scale-up-delay", 0, 600);
        Long down = r.number("scale-down-delay", 0, 3600);
        Long polling = r.number("polling-interval", 1, 60);
        Path out = r.read("out", "a directory path", Path::of);
        String processor = values.get("processor").trim();
        if (!PROCESSORS.contains(processor)) {
            problems.add("processor='" + processor + "': expected one of " + PROCESSORS);
        }
        if (peak != null && base != null && peak < base) {
            problems.add("peak=" + peak + ": expected >= base (" + base + ")");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new DemoOptions(
                new DayCurve(base, peak, Duration.ofSeconds(duration)),
                partitions.intValue(),
                recordSize.intValue(),
                capacity,
                Duration.ofSeconds(up),
                Duration.ofSeconds(down),
                Duration.ofSeconds(polling),
                out,
                processor);
    }

    private record Reader(Map<String, String> values, List<String> problems) {
        /** The value, or null (and a problem) when it is not an integer in range. */
        Long number(String key, long min, long max) {
            Long v = read(key, "an integer in [" + min + ", " + max + "]", Long::parseLong);
            if (v != null && (v < min || v > max)) {
                problems.add(key + "=" + v + ": expected an integer in [" + min + ", " + max + "]");
                return null;
            }
            return v;
        }

        <T> T read(String key, String allowed, Function<String, T> parse) {
            String raw = values.get(key);
            try {
                return parse.apply(raw.trim());
            } catch (RuntimeException e) {
                problems.add(key + "='" + raw + "': expected " + allowed);
                return null;
            }
        }
    }
}
