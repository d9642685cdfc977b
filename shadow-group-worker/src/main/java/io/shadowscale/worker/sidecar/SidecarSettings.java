package io.shadowscale.worker.sidecar;

import java.time.Duration;
import java.util.Objects;

/**
 * The sidecar mode's settings ({@code SHADOWSCALE_SIDECAR_*}, declared in {@code WorkerConfig}).
 *
 * @param port loopback port the runtime listens on for the application (0: any free port)
 * @param maxUnackedRecords most records of one partition sent to the application and not acked yet
 * @param ackTimeout longest wait for the next ack of records sent; then the stream is cut and the
 *     records go to the next one
 * @param reconnectTimeout longest wait for an application stream while records wait; then the
 *     poll loop stops (the offsets of those records are not committed)
 */
public record SidecarSettings(int port, int maxUnackedRecords, Duration ackTimeout, Duration reconnectTimeout) {
    public SidecarSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
        }
        if (maxUnackedRecords < 1) {
            throw new IllegalArgumentException("maxUnackedRecords must be >= 1, was " + maxUnackedRecords);
        }
        Objects.requireNonNull(ackTimeout, "ackTimeout");
        Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
    }
}
