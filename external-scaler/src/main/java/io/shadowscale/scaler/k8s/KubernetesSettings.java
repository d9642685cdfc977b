package io.shadowscale.scaler.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How the scaler uses Kubernetes, read from the environment. Every problem is reported at once,
 * each naming the key, the value and what is allowed.
 *
 * @param mode          {@value #KUBERNETES}: {@code auto} (use Kubernetes when running in a pod),
 *                      {@code true} or {@code false}
 * @param leaderElection {@value #LEADER_ELECTION}: campaign on a Lease (default true); false = lead alone
 * @param namespace     {@value #POD_NAMESPACE}: where the Lease lives (from the downward API)
 * @param identity      {@value #POD_NAME}, else {@value #HOSTNAME}: this replica's name on the Lease
 * @param leaseName     {@value #LEASE_NAME}: the Lease's name (default {@value #DEFAULT_LEASE_NAME})
 * @param leaseDuration {@value #LEASE_DURATION}: how long a standby waits before taking an unrenewed lease
 * @param renewDeadline {@value #RENEW_DEADLINE}: how long the leader keeps trying to renew before stepping down
 * @param retryPeriod   {@value #RETRY_PERIOD}: the pause between two attempts to acquire or renew
 */
public record KubernetesSettings(
        Mode mode,
        boolean leaderElection,
        String namespace,
        String identity,
        String leaseName,
        Duration leaseDuration,
        Duration renewDeadline,
        Duration retryPeriod) {

    public static final String KUBERNETES = "SHADOWSCALE_KUBERNETES";
    public static final String LEADER_ELECTION = "SHADOWSCALE_LEADER_ELECTION";
    public static final String LEASE_NAME = "SHADOWSCALE_LEASE_NAME";
    public static final String LEASE_DURATION = "SHADOWSCALE_LEASE_DURATION_SECONDS";
    public static final String RENEW_DEADLINE = "SHADOWSCALE_LEASE_RENEW_DEADLINE_SECONDS";
    public static final String RETRY_PERIOD = "SHADOWSCALE_LEASE_RETRY_PERIOD_SECONDS";
    public static final String POD_NAME = "POD_NAME";
    public static final String POD_NAMESPACE = "POD_NAMESPACE";
    public static final String HOSTNAME = "HOSTNAME";
    /** Set by the kubelet in every pod; its presence is what {@code auto} looks for. */
    public static final String SERVICE_HOST = "KUBERNETES_SERVICE_HOST";

    public static final String DEFAULT_LEASE_NAME = "shadowscale-scaler";

    /** Whether to talk to Kubernetes. */
    public enum Mode {
        AUTO,
        TRUE,
        FALSE
    }

    public KubernetesSettings {
        Objects.requireNonNull(mode, "mode");
        if (leaseDuration.compareTo(renewDeadline) <= 0 || renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException(
                    "lease timings must satisfy leaseDuration > renewDeadline > retryPeriod, got "
                            + leaseDuration.toSeconds() + "s > " + renewDeadline.toSeconds() + "s > "
                            + retryPeriod.toSeconds() + "s");
        }
    }

    /** Reads the settings from {@code env} (the process environment in production, {@code Map.of(..)} in tests). */
    public static KubernetesSettings fromEnv(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Mode mode = Mode.AUTO;
        String modeValue = env.get(KUBERNETES);
        if (modeValue != null && !modeValue.isBlank()) {
            try {
                mode = Mode.valueOf(modeValue.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(KUBERNETES + "='" + modeValue + "' is not one of: auto, true, false");
            }
        }
        boolean election = bool(env, LEADER_ELECTION, true, problems);
        long lease = seconds(env, LEASE_DURATION, 15, problems);
        long renew = seconds(env, RENEW_DEADLINE, 10, problems);
        long retry = seconds(env, RETRY_PERIOD, 2, problems);
        String leaseName = env.getOrDefault(LEASE_NAME, DEFAULT_LEASE_NAME);
        if (!leaseName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            problems.add(LEASE_NAME + "='" + leaseName + "' is not a DNS-1123 subdomain");
        }
        String identity = env.getOrDefault(POD_NAME, env.getOrDefault(HOSTNAME, "shadowscale-scaler"));
        String namespace = env.get(POD_NAMESPACE);
        boolean enabled = mode == Mode.TRUE || (mode == Mode.AUTO && env.containsKey(SERVICE_HOST));
        if (enabled && election && (namespace == null || namespace.isBlank())) {
            problems.add(POD_NAMESPACE + " is not set: leader election needs the namespace of its Lease "
                    + "(set it from the downward API, or " + LEADER_ELECTION + "=false)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Kubernetes settings: " + String.join("; ", problems));
        }
        return new KubernetesSettings(
                mode,
                election,
                namespace,
                identity,
                leaseName,
                Duration.ofSeconds(lease),
                Duration.ofSeconds(renew),
                Duration.ofSeconds(retry));
    }

    /** Whether the scaler should talk to Kubernetes, given the environment it read these from. */
    public boolean enabled(Map<String, String> env) {
        return mode == Mode.TRUE || (mode == Mode.AUTO && env.containsKey(SERVICE_HOST));
    }

    /** The same settings with other lease timings (tests use sub-second ones). */
    public KubernetesSettings withTimings(Duration lease, Duration renew, Duration retry) {
        return new KubernetesSettings(mode, leaderElection, namespace, identity, leaseName, lease, renew, retry);
    }

    private static boolean bool(Map<String, String> env, String key, boolean fallback, List<String> problems) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add(key + "='" + value + "' is not one of: true, false");
                yield fallback;
            }
        };
    }

    private static long seconds(Map<String, String> env, String key, long fallback, List<String> problems) {
        String value = env.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 1 && parsed <= 3600) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + "='" + value + "' is not a whole number of seconds from 1 to 3600");
        return fallback;
    }
}
