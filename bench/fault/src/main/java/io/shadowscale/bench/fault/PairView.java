package io.shadowscale.bench.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A pair as the scaler's admin endpoint shows it ({@code GET /pairs/{ns}/{name}}), the fields the
 * fault bench reads.
 *
 * @param phase the pair's phase ({@code STEADY}, {@code WARMING}, ...)
 * @param epoch the pair epoch
 * @param activeSlot the active slot ({@code blue} or {@code green})
 * @param activeReplicas workers of the active slot
 * @param targetReplicas the size the walk goes to
 * @param paused whether the policy is paused
 * @param fallbackPartitions partitions whose barrier offset came from the committed offsets after a crashed owner left
 * @param fallbackRecords records known to be processed again because of that fallback
 * @param history every transition line, {@code from -> to: reason}
 */
record PairView(
        String phase,
        long epoch,
        String activeSlot,
        int activeReplicas,
        int targetReplicas,
        boolean paused,
        List<String> fallbackPartitions,
        long fallbackRecords,
        List<String> history) {
    private static final ObjectMapper JSON = new ObjectMapper();

    PairView {
        fallbackPartitions = List.copyOf(fallbackPartitions);
        history = List.copyOf(history);
    }

    static PairView parse(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            List<String> fallback = new ArrayList<>();
            n.path("fallbackPartitions").forEach(p -> fallback.add(p.asText()));
            List<String> history = new ArrayList<>();
            n.path("history")
                    .forEach(t -> history.add(t.path("at").asText() + " e"
                            + t.path("epoch").asLong() + " " + t.path("from").asText() + " -> "
                            + t.path("to").asText() + ": " + t.path("reason").asText()));
            return new PairView(
                    n.path("phase").asText(),
                    n.path("epoch").asLong(),
                    n.path("activeSlot").asText(),
                    n.path("activeReplicas").asInt(),
                    n.path("targetReplicas").asInt(),
                    n.path("paused").asBoolean(),
                    fallback,
                    n.path("fallbackRecords").asLong(),
                    history);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a pair: " + body, e);
        }
    }

    /** STEADY with {@code replicas} workers in {@code slot}. */
    boolean steadyAt(String slot, int replicas) {
        return phase.equals("STEADY") && activeSlot.equals(slot) && activeReplicas == replicas;
    }

    /** One line for the report: phase, active slot and size, epoch. */
    String summary() {
        return phase + " " + activeSlot + "x" + activeReplicas + " (epoch " + epoch + ")";
    }
}
