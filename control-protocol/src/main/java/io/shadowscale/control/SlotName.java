package io.shadowscale.control;

import io.shadowscale.control.proto.Slot;
import java.util.Locale;

/** The two slots of a pair. */
public enum SlotName {
    BLUE(Slot.BLUE),
    GREEN(Slot.GREEN);

    private final Slot proto;

    SlotName(Slot proto) {
        this.proto = proto;
    }

    /** The other slot of the pair. */
    public SlotName other() {
        return this == BLUE ? GREEN : BLUE;
    }

    /** {@code blue} or {@code green}, as in metadata, env vars and group names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Slot toProto() {
        return proto;
    }

    public static SlotName fromProto(Slot slot) {
        return switch (slot) {
            case BLUE -> BLUE;
            case GREEN -> GREEN;
            default -> throw new IllegalArgumentException("no slot in message: " + slot);
        };
    }

    /** Parses {@code blue} or {@code green} (any case). */
    public static SlotName parse(String value) {
        if (value != null) {
            for (SlotName slot : values()) {
                if (slot.label().equalsIgnoreCase(value.trim())) {
                    return slot;
                }
            }
        }
        throw new IllegalArgumentException("slot '" + value + "' is not one of: blue, green");
    }
}
