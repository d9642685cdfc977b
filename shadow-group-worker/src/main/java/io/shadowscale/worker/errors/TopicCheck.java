package io.shadowscale.worker.errors;

/** Whether a topic exists; tests pass a fixed answer. */
@FunctionalInterface
public interface TopicCheck {
    /**
     * @throws Exception when the answer is unknown (Kafka unreachable, not authorized)
     */
    boolean exists(String topic) throws Exception;
}
