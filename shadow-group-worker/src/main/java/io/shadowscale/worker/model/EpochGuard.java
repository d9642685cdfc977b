package io.shadowscale.worker.model;

/**
 * The newest pair epoch a worker has seen. A command older than it comes from a deposed
 * controller and is ignored, so two controllers can never make two slots active.
 */
public record EpochGuard(long newest) {
    public static EpochGuard initial() {
        return new EpochGuard(0);
    }

    /** Whether a command of this epoch may be carried out. */
    public boolean admits(long epoch) {
        return epoch >= newest;
    }

    /** The guard after seeing {@code epoch} (unchanged if it is older). */
    public EpochGuard observe(long epoch) {
        return epoch > newest ? new EpochGuard(epoch) : this;
    }
}
