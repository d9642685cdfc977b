package io.shadowscale.control;

import io.shadowscale.control.proto.PairId;
import java.util.regex.Pattern;

/**
 * The identity of a pair: the Kubernetes namespace and the pair's name, both DNS-1123 labels.
 * {@link #toString()} gives {@code namespace/name}, the key of the pair's records on the control
 * and state topics.
 */
public record PairKey(String namespace, String name) {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public PairKey {
        requireLabel("namespace", namespace);
        requireLabel("pair name", name);
    }

    /** Parses {@code namespace/name}. */
    public static PairKey parse(String key) {
        int slash = key == null ? -1 : key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("pair key '" + key + "' is not <namespace>/<name>");
        }
        return new PairKey(key.substring(0, slash), key.substring(slash + 1));
    }

    public static PairKey fromProto(PairId id) {
        return new PairKey(id.getNamespace(), id.getName());
    }

    public PairId toProto() {
        return PairId.newBuilder().setNamespace(namespace).setName(name).build();
    }

    /** The consumer group of one slot of this pair: {@code shadowscale.<namespace>.<name>.<slot>}. */
    public String groupId(SlotName slot) {
        return "shadowscale." + namespace + "." + name + "." + slot.label();
    }

    /** Whether {@code value} is a valid DNS-1123 label (what a namespace or pair name must be). */
    public static boolean isDnsLabel(String value) {
        return value != null && DNS_LABEL.matcher(value).matches();
    }

    private static void requireLabel(String what, String value) {
        if (!isDnsLabel(value)) {
            throw new IllegalArgumentException(what + " '" + value
                    + "' must be a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters)");
        }
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
