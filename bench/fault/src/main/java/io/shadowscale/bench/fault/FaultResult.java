package io.shadowscale.bench.fault;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one fault run measured.
 *
 * @param scenario the scenario
 * @param run 1-based repetition
 * @param sent records handed to the producer
 * @param acked records the broker acknowledged (the expected set)
 * @param lost acknowledged sequence numbers not in the output after the drain although the active
 *     group's committed offset is past them (skipped: really lost)
 * @param unprocessed acknowledged sequence numbers not in the output after the drain and not yet
 *     committed either (still waiting in Kafka: the drain ended first), 0 when everything was read
 * @param duplicates sequence numbers seen more than once in the output (each extra sighting)
 * @param recoveryMs fault to pair steady again and output caught up with everything sent before the fault; -1 if never
 * @param recovered whether that happened within the recovery timeout
 * @param finalState the pair's state at the end ({@link PairView#summary()})
 * @param fallbackPartitions partitions the controller handed over at committed offsets (at-least-once fallback)
 * @param fallbackRecords records the controller knew would be processed again
 * @param rejectedControlRecords control records the workers and scalers logged as ignored
 * @param notes what happened, in order (fault injected, path taken)
 * @param transitions the pair's transitions during the run
 * @param figures the scenario's own timings by name, in milliseconds from the fault (-1: did not happen)
 */
public record FaultResult(
        FaultScenario scenario,
        int run,
        long sent,
        long acked,
        long lost,
        long unprocessed,
        long duplicates,
        long recoveryMs,
        boolean recovered,
        String finalState,
        List<String> fallbackPartitions,
        long fallbackRecords,
        long rejectedControlRecords,
        List<String> notes,
        List<String> transitions,
        Map<String, Long> figures) {
    public FaultResult {
        Objects.requireNonNull(scenario, "scenario");
        fallbackPartitions = List.copyOf(fallbackPartitions);
        notes = List.copyOf(notes);
        transitions = List.copyOf(transitions);
        figures = Map.copyOf(figures);
    }
}
