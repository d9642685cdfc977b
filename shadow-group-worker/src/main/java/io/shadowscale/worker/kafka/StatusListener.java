package io.shadowscale.worker.kafka;

import io.shadowscale.worker.model.WorkerSnapshot;

/** Receives the worker's status from the poll loop: on every change and as the answer to every command. */
@FunctionalInterface
public interface StatusListener {
    /**
     * @param snapshot the worker now
     * @param answersCommandId the command this answers, 0 for a change without a command
     * @param refusedReason why that command was refused, empty if carried out
     */
    void onStatus(WorkerSnapshot snapshot, long answersCommandId, String refusedReason);
}
