package io.shadowscale.scaler.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;

/** The admin endpoint's JSON documents, as records written by Jackson. */
final class Views {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Views() {
    }

    /** One pair as the admin endpoint shows it. */
    record PairView(String pair, String phase, long epoch, long commandId, String activeSlot, int activeReplicas,
                    int targetReplicas, String since, boolean paused, Map<String, Long> barrier,
                    List<String> fallbackPartitions, long fallbackRecords, String reason, List<TransitionView> history) {
        static PairView of(PairState s) {
            Map<String, Long> barrier = new LinkedHashMap<>();
            s.sortedBarrier().forEach((p, offset) -> barrier.put(p.toString(), offset));
            return new PairView(s.pair().toString(), s.phase().name(), s.epoch(), s.commandId(), s.active().label(),
                    s.activeReplicas(), s.targetReplicas(), s.since().toString(), s.paused(), barrier,
                    s.fallbackPartitions().stream().sorted().map(Object::toString).toList(), s.fallbackRecords(),
                    s.reason(), s.history().stream().map(TransitionView::of).toList());
        }
    }

    /** One entry of a pair's history. */
    record TransitionView(String at, long epoch, String from, String to, String reason) {
        static TransitionView of(Transition t) {
            return new TransitionView(t.at().toString(), t.epoch(), t.from().name(), t.to().name(), t.reason());
        }
    }

    /** The answer to a call: accepted or refused, and why. */
    record Result(boolean accepted, String message) {
    }

    static String pairs(List<PairState> states) {
        return write(states.stream().map(PairView::of).toList());
    }

    static String pair(PairState s) {
        return write(PairView.of(s));
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
