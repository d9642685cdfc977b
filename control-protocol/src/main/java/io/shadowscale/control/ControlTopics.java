package io.shadowscale.control;

import java.util.Objects;

/**
 * The two topics of one Shadowscale environment: the control topic (commands down, worker status
 * up) and the compacted state topic (the controller's pair state). Environments never share them:
 * the scaler and the worker take {@link #forEnvironment} of {@code SHADOWSCALE_ENVIRONMENT} or
 * explicitly named topics, and have no shared default.
 */
public record ControlTopics(String control, String state) {
    /**
     * The control topic every environment used before topics were per environment.
     *
     * @deprecated two environments on one cluster would share it; use {@link #forEnvironment}
     */
    @Deprecated
    public static final String DEFAULT_CONTROL = "shadowscale.control";
    /**
     * The state topic every environment used before topics were per environment.
     *
     * @deprecated two environments on one cluster would share it; use {@link #forEnvironment}
     */
    @Deprecated
    public static final String DEFAULT_STATE = "shadowscale.state";

    public ControlTopics {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(state, "state");
        if (control.equals(state)) {
            throw new IllegalArgumentException("the control and state topics must differ, both are '" + control + "'");
        }
    }

    /**
     * {@code shadowscale.control} and {@code shadowscale.state}, shared by every environment that uses them.
     *
     * @deprecated neither the scaler nor the worker falls back to these any more; use {@link #forEnvironment}
     */
    @Deprecated
    public static ControlTopics defaults() {
        return new ControlTopics(DEFAULT_CONTROL, DEFAULT_STATE);
    }

    /** {@code shadowscale.<env>.control} and {@code shadowscale.<env>.state}. */
    public static ControlTopics forEnvironment(String environment) {
        return new ControlTopics("shadowscale." + environment + ".control", "shadowscale." + environment + ".state");
    }
}
