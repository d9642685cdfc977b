package io.shadowscale.worker.processor;

import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a processor knows about the worker running it.
 *
 * @param pair the pair the worker belongs to
 * @param slot the worker's slot
 * @param workerId the worker's id
 * @param outputTopic {@code SHADOWSCALE_OUTPUT_TOPIC}, if set
 * @param settings every configuration entry the worker was built from (environment)
 */
public record ProcessorContext(
        PairKey pair, SlotName slot, String workerId, Optional<String> outputTopic, Map<String, String> settings) {
    public ProcessorContext {
        Objects.requireNonNull(pair, "pair");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(workerId, "workerId");
        Objects.requireNonNull(outputTopic, "outputTopic");
        settings = Map.copyOf(settings);
    }
}
