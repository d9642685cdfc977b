package io.shadowscale.scaler.config;

import java.util.List;

/** A ScaledObject's trigger metadata is invalid; carries every problem found, each naming its key. */
public final class MetadataException extends RuntimeException {
    private final List<String> problems;

    public MetadataException(String scaledObject, List<String> problems) {
        super("invalid metadata of ScaledObject " + scaledObject + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
