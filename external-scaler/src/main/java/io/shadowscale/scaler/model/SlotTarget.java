package io.shadowscale.scaler.model;

/**
 * What KEDA should run for one slot right now, as the pair controller decided it.
 *
 * @param replicas the slot's wanted replica count (0 when idle)
 * @param active whether the slot should run at all (KEDA's IsActive)
 * @param reason one line explaining the current value (kept in the pair's history)
 */
public record SlotTarget(int replicas, boolean active, String reason) {
    public static final SlotTarget IDLE = new SlotTarget(0, false, "idle");

    public SlotTarget {
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be >= 0, was " + replicas);
        }
        if (active != (replicas > 0)) {
            throw new IllegalArgumentException(
                    "a slot is active exactly when it wants replicas: replicas=" + replicas + " active=" + active);
        }
    }

    public static SlotTarget run(int replicas, String reason) {
        return new SlotTarget(replicas, replicas > 0, reason);
    }
}
