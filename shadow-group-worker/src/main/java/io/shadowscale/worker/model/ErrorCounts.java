package io.shadowscale.worker.model;

/**
 * What the worker's error policy did since start.
 *
 * @param failed processing attempts that threw (a record retried twice and dead-lettered counts 3)
 * @param retried attempts repeated after a failure (each one after a backoff)
 * @param deadLettered records written to the dead-letter topic instead of being processed
 */
public record ErrorCounts(long failed, long retried, long deadLettered) {
    /** Nothing failed. */
    public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0);
}
