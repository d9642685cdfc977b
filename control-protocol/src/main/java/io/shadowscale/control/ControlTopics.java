package io.shadowscale.control;

import java.util.Objects;

/**
 * The two topics of one Shadowscale environment: the control topic (commands down, worker status
 * up) and the compacted state topic (the controller's pair state). Environments never share them.
 */
public record ControlTopics(String control, String state) {
    /** Default control topic. */
    public static final String DEFAULT_CONTROL = "shadowscale.control";
    /** Default state topic. */
    public static final String DEFAULT_STATE = "shadowscale.state";

    public ControlTopics {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(state, "state");
        if (control.equals(state)) {
            throw new IllegalArgumentException("the control and state topics must differ, both are '" + control + "'");
        }
    }

    public static ControlTopics defaults() {
        return new ControlTopics(DEFAULT_CONTROL, DEFAULT_STATE);
    }

    /** {@code shadowscale.<env>.control} and {@code shadowscale.<env>.state}. */
    public static ControlTopics forEnvironment(String environment) {
        return new ControlTopics("shadowscale." + environment + ".control", "shadowscale." + environment + ".state");
    }
}
