package io.shadowscale.scaler.config;

/**
 * The leader election Lease's timings, in seconds: a standby takes a Lease its holder has not
 * renewed for {@code leaseSeconds}; the holder steps down when it could not renew within
 * {@code renewDeadlineSeconds}; every replica tries to take or renew it every
 * {@code retryPeriodSeconds}. The parser checks lease duration > renew deadline > retry period.
 */
public record LeaseTimings(int leaseSeconds, int renewDeadlineSeconds, int retryPeriodSeconds) {
    /** Lease 15 s, renew deadline 10 s, retry period 2 s (client-go's leader election defaults are 15 / 10 / 2). */
    public static final LeaseTimings DEFAULT = new LeaseTimings(15, 10, 2);
}
