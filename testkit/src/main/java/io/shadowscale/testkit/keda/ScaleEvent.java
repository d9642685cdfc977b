package io.shadowscale.testkit.keda;

import io.shadowscale.control.SlotName;
import java.time.Instant;
import java.util.Objects;

/**
 * One replica change the stand-in made.
 *
 * @param at when it wrote the new count
 * @param deployment the Deployment scaled
 * @param slot its slot
 * @param from the previous count
 * @param to the new count
 * @param cause what led to it: {@code poll}, {@code push} (StreamIsActive said true) or {@code cooldown}
 */
public record ScaleEvent(Instant at, String deployment, SlotName slot, int from, int to, String cause) {
    public ScaleEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(cause, "cause");
    }
}
