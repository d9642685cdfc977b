package io.shadowscale.scaler.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin endpoint's JSON documents, as records written by Jackson. */
final class Views {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Views() {}

    /**
     * One pair as the admin endpoint shows it: its state, the workers KEDA is told to run per slot,
     * the last look at its traffic (null before the first), its transitions and its walks.
     */
    record PairView(
            String pair,
            String phase,
            long epoch,
            long commandId,
            String activeSlot,
            int activeReplicas,
            int targetReplicas,
            String since,
            boolean paused,
            Map<String, Long> barrier,
            List<String> fallbackPartitions,
            long fallbackRecords,
            String reason,
            List<TransitionView> history,
            Map<String, Integer> slotReplicas,
            TrafficView traffic,
            List<WalkView> walks) {
        static PairView of(PairState s, Observation observed) {
            Map<String, Long> barrier = new LinkedHashMap<>();
            s.sortedBarrier().forEach((p, offset) -> barrier.put(p.toString(), offset));
            Map<String, Integer> slots = new LinkedHashMap<>();
            for (SlotName slot : SlotName.values()) {
                slots.put(slot.label(), s.targetOf(slot).replicas());
            }
            return new PairView(
                    s.pair().toString(),
                    s.phase().name(),
                    s.epoch(),
                    s.commandId(),
                    s.active().label(),
                    s.activeReplicas(),
                    s.targetReplicas(),
                    s.since().toString(),
                    s.paused(),
                    barrier,
                    s.fallbackPartitions().stream()
                            .sorted()
                            .map(Object::toString)
                            .toList(),
                    s.fallbackRecords(),
                    s.reason(),
                    s.history().stream().map(TransitionView::of).toList(),
                    slots,
                    observed == null ? null : TrafficView.of(observed),
                    WalkHistory.of(s).stream().map(WalkView::of).toList());
        }
    }

    /** The last look at a pair's traffic: records/s in and committed, and records not committed yet. */
    record TrafficView(String at, double inputRate, double progressRate, long lag) {
        static TrafficView of(Observation o) {
            return new TrafficView(o.at().toString(), o.inputRate(), o.processedRate(), o.lag());
        }
    }

    /** One walk; endedAt and durationMs are null while it is in progress, the sizes when its start did not say. */
    record WalkView(
            String startedAt,
            String endedAt,
            Long durationMs,
            String fromSlot,
            String toSlot,
            Integer fromReplicas,
            Integer toReplicas,
            String result,
            String why,
            String outcome) {
        static WalkView of(WalkHistory.Walk w) {
            return new WalkView(
                    w.startedAt().toString(),
                    w.endedAt() == null ? null : w.endedAt().toString(),
                    w.duration() == null ? null : w.duration().toMillis(),
                    w.fromSlot().label(),
                    w.toSlot().label(),
                    w.fromReplicas(),
                    w.toReplicas(),
                    w.result().name().toLowerCase(Locale.ROOT),
                    w.why(),
                    w.outcome());
        }
    }

    /** One entry of a pair's history. */
    record TransitionView(String at, long epoch, String from, String to, String reason) {
        static TransitionView of(Transition t) {
            return new TransitionView(t.at().toString(), t.epoch(), t.from().name(), t.to().name(), t.reason());
        }
    }

    /** The answer to a call: accepted or refused, and why. */
    record Result(boolean accepted, String message) {}

    static String pairs(List<PairState> states, PairOperations pairs) {
        return write(states.stream()
                .map(s -> PairView.of(s, pairs.observation(s.pair()).orElse(null)))
                .toList());
    }

    static String pair(PairState s, PairOperations pairs) {
        return write(PairView.of(s, pairs.observation(s.pair()).orElse(null)));
    }

    static String result(boolean accepted, String message) {
        return write(new Result(accepted, message));
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
