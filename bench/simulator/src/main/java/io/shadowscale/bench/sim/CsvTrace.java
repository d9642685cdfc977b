package io.shadowscale.bench.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a trace from CSV lines {@code time_seconds,msgs_per_s} (an optional header, {@code #}
 * comments and blank lines are skipped). Times start at 0 and increase; the rate between two points
 * is interpolated linearly, and the trace ends at the last point.
 */
public final class CsvTrace {
    /** Longest trace accepted: four weeks. */
    public static final int MAX_SECONDS = 28 * 86_400;
    /** The sample traces shipped with the bench (under {@code traces/} on the classpath). */
    public static final List<String> SAMPLES = List.of("morning-ramp", "flat-spike", "batch-bursts", "bursty-day");
    /** Sample traces shipped but not in {@code samples}/{@code all}: several days each. */
    public static final List<String> EXTRA_SAMPLES = List.of("bursty-week");

    private CsvTrace() {}

    public static Trace read(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
        try (InputStream in = Files.newInputStream(file)) {
            return parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace " + file, e);
        }
    }

    public static Trace sample(String name) {
        String resource = "/traces/" + name + ".csv";
        try (InputStream in = CsvTrace.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample trace " + resource + "; samples: " + SAMPLES);
            }
            return parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample trace " + resource, e);
        }
    }

    static Trace parse(String name, InputStream in) throws IOException {
        List<double[]> points = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split("\\s*,\\s*");
            if (cells.length != 2) {
                throw new IllegalArgumentException(
                        name + ":" + number + ": expected time_seconds,msgs_per_s but got '" + line + "'");
            }
            double time;
            double rate;
            try {
                time = Double.parseDouble(cells[0]);
                rate = Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                if (points.isEmpty()) {
                    continue; // the header
                }
                throw new IllegalArgumentException(name + ":" + number + ": not a number in '" + line + "'");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(name + ":" + number + ": rate must be >= 0, was " + cells[1]);
            }
            if (points.isEmpty() ? time != 0 : time <= points.get(points.size() - 1)[0]) {
                throw new IllegalArgumentException(
                        name + ":" + number + ": times must start at 0 and increase, got " + cells[0]);
            }
            if (time > MAX_SECONDS) {
                throw new IllegalArgumentException(
                        name + ":" + number + ": time " + cells[0] + " is beyond four weeks");
            }
            points.add(new double[] {time, rate});
        }
        if (points.size() < 2) {
            throw new IllegalArgumentException(name + ": needs at least two points");
        }
        int seconds = (int) Math.floor(points.get(points.size() - 1)[0]);
        double[] rates = new double[Math.max(seconds, 1)];
        int segment = 0;
        for (int t = 0; t < rates.length; t++) {
            while (points.get(segment + 1)[0] < t) {
                segment++;
            }
            double[] a = points.get(segment);
            double[] b = points.get(segment + 1);
            double f = (t - a[0]) / (b[0] - a[0]);
            rates[t] = a[1] + (b[1] - a[1]) * Math.max(0, Math.min(1, f));
        }
        return new Trace(name, rates);
    }
}
