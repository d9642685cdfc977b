package io.shadowscale.scaler.admin;

import java.util.List;
import java.util.Map;

import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.Transition;

/** The admin endpoint's JSON, written by hand (no JSON library in this module). */
final class Json {
    private Json() {
    }

    static String pairs(List<PairState> states) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < states.size(); i++) {
            b.append(i == 0 ? "" : ",").append(pair(states.get(i)));
        }
        return b.append("]").toString();
    }

    static String pair(PairState s) {
        StringBuilder b = new StringBuilder("{");
        field(b, "pair", s.pair().toString()).append(',');
        field(b, "phase", s.phase().name()).append(',');
        b.append("\"epoch\":").append(s.epoch()).append(',');
        b.append("\"commandId\":").append(s.commandId()).append(',');
        field(b, "activeSlot", s.active().label()).append(',');
        b.append("\"activeReplicas\":").append(s.activeReplicas()).append(',');
        b.append("\"targetReplicas\":").append(s.targetReplicas()).append(',');
        field(b, "since", s.since().toString()).append(',');
        b.append("\"paused\":").append(s.paused()).append(',');
        b.append("\"barrier\":{");
        int i = 0;
        for (Map.Entry<?, Long> e : s.sortedBarrier().entrySet()) {
            b.append(i++ == 0 ? "" : ",").append(quote(e.getKey().toString())).append(':').append(e.getValue());
        }
        b.append("},\"fallbackPartitions\":[");
        i = 0;
        for (Object p : s.fallbackPartitions().stream().sorted().toList()) {
            b.append(i++ == 0 ? "" : ",").append(quote(p.toString()));
        }
        b.append("],\"fallbackRecords\":").append(s.fallbackRecords()).append(',');
        field(b, "reason", s.reason()).append(",\"history\":[");
        i = 0;
        for (Transition t : s.history()) {
            b.append(i++ == 0 ? "" : ",").append('{');
            field(b, "at", t.at().toString()).append(',');
            b.append("\"epoch\":").append(t.epoch()).append(',');
            field(b, "from", t.from().name()).append(',');
            field(b, "to", t.to().name()).append(',');
            field(b, "reason", t.reason()).append('}');
        }
        return b.append("]}").toString();
    }

    static String result(boolean accepted, String message) {
        StringBuilder b = new StringBuilder("{\"accepted\":").append(accepted).append(',');
        return field(b, "message", message).append('}').toString();
    }

    private static StringBuilder field(StringBuilder b, String name, String value) {
        return b.append(quote(name)).append(':').append(quote(value));
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
