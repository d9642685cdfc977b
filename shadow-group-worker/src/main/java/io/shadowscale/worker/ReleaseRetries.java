package io.shadowscale.worker;

import io.shadowscale.control.proto.ControlEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a planned handoff's releases and sends again, at each status heartbeat, every one whose
 * send failed (the control channel fails sends at once for a while after one timed out, e.g. in a
 * network cut). Unlike commands and statuses, a release is sent once by the protocol, so a lost
 * one would leave the new owner holding the partition until the controller's fallback. A release
 * sent twice is harmless: the new owner starts a partition once. Releases still unsent when the
 * worker leaves the handoff (IDLE) are dropped: the controller's barrier has taken over by then.
 */
final class ReleaseRetries {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRetries.class);

    private final String workerId;
    private final Function<ControlEnvelope, CompletableFuture<?>> sender;
    private final List<ControlEnvelope> unsent = new ArrayList<>();
    private boolean failing;

    ReleaseRetries(String workerId, Function<ControlEnvelope, CompletableFuture<?>> sender) {
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /** Sends {@code release} now; keeps it for {@link #retry()} if the send fails. */
    void send(ControlEnvelope release) {
        CompletableFuture<?> sent;
        try {
            sent = sender.apply(release);
        } catch (RuntimeException e) {
            failed(release, e);
            return;
        }
        sent.whenComplete((ok, error) -> {
            if (error != null) {
                failed(release, error);
            } else {
                delivered();
            }
        });
    }

    /** Sends every release whose send failed again (at a heartbeat). */
    void retry() {
        List<ControlEnvelope> again;
        synchronized (this) {
            again = List.copyOf(unsent);
            unsent.clear();
        }
        again.forEach(this::send);
    }

    /** Forgets the releases not sent yet (the worker left the handoff). */
    synchronized void clear() {
        unsent.clear();
    }

    synchronized int pending() {
        return unsent.size();
    }

    private synchronized void failed(ControlEnvelope release, Throwable error) {
        if (!failing) { // once per outage, not once per heartbeat
            LOG.warn(
                    "{}: a release of {} partition(s) was not sent ({}); sending it again at each heartbeat",
                    workerId,
                    release.getRelease().getOffsetsCount(),
                    error.toString());
        }
        failing = true;
        unsent.add(release);
    }

    private synchronized void delivered() {
        if (failing && unsent.isEmpty()) {
            LOG.info("{}: every release sent again was delivered", workerId);
            failing = false;
        }
    }
}
