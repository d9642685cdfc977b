package io.shadowscale.scaler.config;

import java.util.List;

/** The scaler process configuration is invalid; carries every problem found. */
public final class ConfigException extends RuntimeException {
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid scaler configuration: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
