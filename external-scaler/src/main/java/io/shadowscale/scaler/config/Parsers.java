package io.shadowscale.scaler.config;

import io.shadowscale.control.PairKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Value parsers for {@link Setting}s: each validates and throws {@link IllegalArgumentException}. */
public final class Parsers {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,10}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d{1,15}(\\.\\d{0,9})?|\\.\\d{1,9})");
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Parsers() {}

    public static Function<String, Integer> intIn(int min, int max) {
        return raw -> {
            if (!INTEGER.matcher(raw).matches()) {
                throw new IllegalArgumentException("not an integer");
            }
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return (int) value;
        };
    }

    public static Function<String, Double> decimalIn(double min, double max) {
        return raw -> {
            if (!DECIMAL.matcher(raw).matches()) {
                throw new IllegalArgumentException("not a decimal");
            }
            double value = Double.parseDouble(raw);
            if (value < min || value > max) {
                throw new IllegalArgumentException("out of range");
            }
            return value;
        };
    }

    public static Function<String, Duration> secondsIn(int min, int max) {
        Function<String, Integer> seconds = intIn(min, max);
        return raw -> Duration.ofSeconds(seconds.apply(raw));
    }

    public static Function<String, Boolean> bool() {
        return raw -> switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    public static String dnsLabel(String raw) {
        if (!PairKey.isDnsLabel(raw)) {
            throw new IllegalArgumentException("not a DNS label");
        }
        return raw;
    }

    public static String dnsSubdomain(String raw) {
        if (raw.length() > 253 || !DNS_SUBDOMAIN.matcher(raw).matches()) {
            throw new IllegalArgumentException("not a DNS subdomain");
        }
        return raw;
    }

    /** A comma-separated list of distinct Kafka topic names, returned sorted (order carries no meaning). */
    public static List<String> topics(String raw) {
        TreeSet<String> topics = new TreeSet<>();
        for (String part : raw.split(",", -1)) {
            String topic = part.trim();
            if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..") || !topics.add(topic)) {
                throw new IllegalArgumentException("bad topic list");
            }
        }
        return List.copyOf(topics);
    }

    /** A comma-separated list of distinct DNS labels (empty string = empty list). */
    public static List<String> dnsLabels(String raw) {
        List<String> labels = new ArrayList<>();
        for (String part : raw.split(",", -1)) {
            String label = dnsLabel(part.trim());
            if (labels.contains(label)) {
                throw new IllegalArgumentException("duplicate");
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }
}
