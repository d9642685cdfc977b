package io.shadowscale.control;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which configuration values must never reach a log line or an error message, and a redactor that
 * takes them out of any text. Shared by the worker and the scaler, whose Kafka client properties
 * ({@code SHADOWSCALE_KAFKA_<X>}) may carry credentials.
 *
 * <p>A key is sensitive when Kafka declares the client property as a password
 * ({@code sasl.jaas.config}, {@code ssl.key.password}, {@code ssl.keystore.password},
 * {@code ssl.keystore.key}, ...), or when its name contains {@code password}, {@code secret},
 * {@code token}, {@code jaas}, {@code credential}, {@code private} or {@code userinfo}, or ends in
 * {@code key} (a PEM private key such as {@code ssl.keystore.key} or {@code SHADOWSCALE_TLS_KEY}).
 * Any value that holds a PEM private key is sensitive whatever its key.
 */
public final class Secrets {
    /** What a sensitive value is shown as. */
    public static final String MASK = "******";

    private static final Set<String> KAFKA_PASSWORD_PROPERTIES = Stream.of(
                    ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())
            .flatMap(def -> def.configKeys().values().stream())
            .filter(key -> key.type == ConfigDef.Type.PASSWORD)
            .map(key -> key.name)
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> WORDS =
            List.of("password", "passwd", "secret", "token", "jaas", "credential", "private", "userinfo", "user.info");
    /** {@code password="x"}, {@code password=x}, also for secret/token: values inside a JAAS line. */
    private static final Pattern JAAS_VALUE =
            Pattern.compile("(?i)(password|secret|token|credential)[a-z_.]*\\s*=\\s*(\"([^\"]*)\"|([^\\s;\"]+))");

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /**
     * Whether the value of {@code key} must be masked. {@code key} may be a Kafka property
     * ({@code sasl.jaas.config}) or a variable ({@code SHADOWSCALE_KAFKA_SASL_JAAS_CONFIG}).
     */
    public static boolean isSensitive(String key) {
        if (key == null) {
            return false;
        }
        String property = key.toLowerCase(Locale.ROOT).replace('_', '.').replace('-', '.');
        if (property.startsWith("shadowscale.kafka.")) {
            property = property.substring("shadowscale.kafka.".length());
        }
        if (KAFKA_PASSWORD_PROPERTIES.contains(property)) {
            return true;
        }
        String compact = property.replace(".", "");
        for (String word : WORDS) {
            if (property.contains(word) || compact.contains(word.replace(".", ""))) {
                return true;
            }
        }
        return property.endsWith(".key") || property.equals("key");
    }

    /** Whether {@code value} holds a PEM private key (or a JAAS login with a password) whatever its key. */
    public static boolean looksSecret(String value) {
        if (value == null) {
            return false;
        }
        String upper = value.toUpperCase(Locale.ROOT);
        return (upper.contains("-----BEGIN") && upper.contains("PRIVATE KEY"))
                || JAAS_VALUE.matcher(value).find() && value.contains("LoginModule");
    }

    /** {@code value}, or {@link #MASK} when {@code key} is sensitive or the value looks like a secret. */
    public static String shown(String key, String value) {
        return isSensitive(key) || looksSecret(value) ? MASK : value;
    }

    /**
     * A redactor for the sensitive values among {@code settings} (keys as for {@link #isSensitive}):
     * each whole value, and each password/secret/token inside one (a JAAS line's {@code password="..."}).
     */
    public static Secrets of(Map<String, ?> settings) {
        List<String> found = new ArrayList<>();
        settings.forEach((key, raw) -> {
            String value = raw == null ? null : String.valueOf(raw);
            if (value == null || value.isBlank() || !(isSensitive(key) || looksSecret(value))) {
                return;
            }
            found.add(value.trim());
            Matcher m = JAAS_VALUE.matcher(value);
            while (m.find()) {
                found.add(m.group(3) != null ? m.group(3) : m.group(4));
            }
        });
        // longest first, so a password inside a JAAS line never leaves the rest of the line readable
        return new Secrets(found.stream()
                .filter(v -> v.length() >= 3)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList());
    }

    /**
     * {@code text} with every known secret value replaced by {@link #MASK} (values shorter than 3
     * characters are left alone: replacing them would garble the text and hide nothing).
     */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String value : values) {
            out = out.replace(value, MASK);
        }
        return out;
    }

    /** The cause chain of {@code error} as one redacted line: {@code Type: message; caused by: Type: message}. */
    public String describe(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
            parts.add(t.getClass().getName() + (t.getMessage() == null ? "" : ": " + redact(t.getMessage())));
        }
        return String.join("; caused by: ", parts);
    }
}
