package io.shadowscale.scaler.grpc;

/**
 * Bounds on what one KEDA request may carry; anything larger is refused before it is parsed.
 *
 * @param maxMessageBytes largest serialized request the server reads (gRPC refuses larger ones
 *     with RESOURCE_EXHAUSTED)
 * @param maxEntries most {@code scalerMetadata} entries
 * @param maxKeyChars longest metadata key
 * @param maxValueChars longest metadata value
 */
public record RequestLimits(int maxMessageBytes, int maxEntries, int maxKeyChars, int maxValueChars) {
    /** 64 KiB, 64 entries, keys of 128 and values of 4,096 characters: far above any real trigger. */
    public static final RequestLimits DEFAULT = new RequestLimits(64 * 1024, 64, 128, 4096);

    public RequestLimits {
        if (maxMessageBytes < 1024 || maxEntries < 1 || maxKeyChars < 1 || maxValueChars < 1) {
            throw new IllegalArgumentException("limits must be positive (message >= 1 KiB): message=" + maxMessageBytes
                    + " entries=" + maxEntries + " key=" + maxKeyChars + " value=" + maxValueChars);
        }
    }
}
