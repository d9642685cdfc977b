package io.shadowscale.scaler.config;

import io.shadowscale.control.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects every problem found while reading a configuration so that they can be reported at
 * once. Each problem names the key, the value (shortened when long; masked when the key is sensitive
 * or the value looks like a secret, see {@link Secrets}) and what is allowed.
 */
public final class Problems {
    /** Values longer than this are shortened in messages (they may be garbage or huge). */
    static final int MAX_QUOTED = 64;

    private final Map<String, String> source;
    private final List<String> problems = new ArrayList<>();

    public Problems(Map<String, String> source) {
        this.source = Map.copyOf(source);
    }

    /** Reads and validates {@code setting}; on a problem, records it and returns the default (maybe null). */
    public <T> T read(Setting<T> setting) {
        return read(setting, source.get(setting.key()));
    }

    /** Like {@link #read(Setting)} with the raw value given (for keys with aliases). */
    public <T> T read(Setting<T> setting, String raw) {
        if (raw == null || raw.isBlank()) {
            if (setting.isRequired()) {
                add(setting.key() + ": missing; required, " + setting.allowed());
            }
            return setting.defaultValue();
        }
        try {
            return setting.parser().apply(raw.trim());
        } catch (IllegalArgumentException e) {
            add(setting.key() + "="
                    + (Secrets.isSensitive(setting.key()) || Secrets.looksSecret(raw) ? Secrets.MASK : quote(raw))
                    + ": expected " + setting.allowed());
            return setting.defaultValue();
        }
    }

    /** Reads an optional key without default: empty when absent or invalid. */
    public <T> Optional<T> readOptional(Setting<T> setting) {
        String raw = source.get(setting.key());
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.ofNullable(read(setting, raw));
    }

    public void add(String problem) {
        problems.add(problem);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** {@code 'value'}, shortened to {@value #MAX_QUOTED} characters, control characters escaped. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) : value;
        StringBuilder out = new StringBuilder(shown.length() + 8).append('\'');
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        out.append('\'');
        if (shown.length() < value.length()) {
            out.append("... (").append(value.length()).append(" chars)");
        }
        return out.toString();
    }
}
