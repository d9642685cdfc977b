package io.shadowscale.scaler.metrics;

import io.grpc.ServerInterceptor;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.controller.ControllerObserver;
import io.shadowscale.scaler.controller.PairController;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PolicyMemory;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.PolicySettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The scaler's Prometheus metrics (Prometheus Java client). Gauges are callbacks on the
 * controller's read-only views ({@link PairController#states()}, {@link PairController#spec},
 * {@link PairController#isLeading()}) evaluated at scrape time; the traffic gauges and the policy
 * decisions come from the controller's {@link ControllerObserver} hook; walks from
 * {@link WalkMetrics} ({@link #refresh()}, about once a second); KEDA calls from the gRPC
 * interceptor {@link #kedaCalls()}.
 */
public final class ScalerMetrics implements ControllerObserver {
    /** The decision reasons, from the decision and the policy's memory (never from its free text). */
    public enum DecisionReason {
        GROW,
        SHRINK,
        HOLD_GROW_PENDING,
        HOLD_SHRINK_PENDING,
        HOLD_IN_BAND
    }

    /** Bounds of the short histograms (state writes, handoff gaps), in seconds: 1 ms to 10 s. */
    private static final double[] SHORT_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Supplier<List<PairState>> states;
    private final WalkMetrics walks = new WalkMetrics(registry);
    private final KedaCallMetrics keda = new KedaCallMetrics(registry);
    private final Map<String, Observation> observed = new ConcurrentHashMap<>();
    private final Map<String, Double> lagTargets = new ConcurrentHashMap<>();
    private final Counter decisions;
    private final Histogram stateWrites;
    private final Histogram handoffGaps;

    public ScalerMetrics(PairController controller) {
        this(controller::states, controller::spec, controller::isLeading);
    }

    ScalerMetrics(
            Supplier<List<PairState>> states, Function<PairKey, Optional<PairSpec>> specs, BooleanSupplier leading) {
        this.states = Objects.requireNonNull(states, "states");
        GaugeWithCallback.builder()
                .name("shadowscale_scaler_leader")
                .help("1 while this scaler is the leader (walks pairs and answers KEDA), 0 while standing by.")
                .callback(cb -> cb.call(leading.getAsBoolean() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("shadowscale_scaler_pairs")
                .labelNames("phase")
                .help("Pairs known to this scaler, by phase.")
                .callback(cb -> {
                    List<PairState> all = states.get();
                    for (PairPhase phase : PairPhase.values()) {
                        cb.call(all.stream().filter(s -> s.phase() == phase).count(), phase.name());
                    }
                })
                .register(registry);
        perPair(
                "shadowscale_scaler_pair_phase",
                "1 for the pair's current phase, 0 for the others.",
                "phase",
                (s, cb) -> {
                    for (PairPhase phase : PairPhase.values()) {
                        cb.call(s.phase() == phase ? 1 : 0, s.pair().toString(), phase.name());
                    }
                });
        perPair(
                "shadowscale_scaler_slot_target_replicas",
                "Workers KEDA is told to run for the slot.",
                "slot",
                (s, cb) -> {
                    for (SlotName slot : SlotName.values()) {
                        cb.call(s.targetOf(slot).replicas(), s.pair().toString(), slot.label());
                    }
                });
        perPair(
                "shadowscale_scaler_pair_paused",
                "1 while an operator paused the pair's automatic decisions.",
                null,
                (s, cb) -> cb.call(s.paused() ? 1 : 0, s.pair().toString()));
        perPair(
                "shadowscale_scaler_pair_epoch",
                "The pair's epoch (raised at every phase change and step).",
                null,
                (s, cb) -> cb.call(s.epoch(), s.pair().toString()));
        perPair(
                "shadowscale_scaler_phase_started_timestamp_seconds",
                "When the pair's current phase began (Unix time).",
                null,
                (s, cb) -> cb.call(s.since().toEpochMilli() / 1000.0, s.pair().toString()));
        perPair(
                "shadowscale_scaler_phase_timeout_seconds",
                "The timeout of the pair's current phase (absent while STARTING or STEADY).",
                null,
                (s, cb) -> specs.apply(s.pair())
                        .flatMap(spec -> timeout(s.phase(), spec.policy()))
                        .ifPresent(t -> cb.call(t.toMillis() / 1000.0, s.pair().toString())));
        perPair(
                "shadowscale_scaler_learned_worker_capacity_records_per_second",
                "Records per second one worker was seen to sustain (0 before any evidence).",
                null,
                (s, cb) -> cb.call(s.memory().learnedCapacity(), s.pair().toString()));
        observed(
                "shadowscale_scaler_input_rate_records_per_second",
                "Records per second appended to the pair's topics, last observation.",
                Observation::inputRate);
        observed(
                "shadowscale_scaler_progress_rate_records_per_second",
                "Records per second the active slot committed, last observation.",
                Observation::processedRate);
        observed("shadowscale_scaler_lag_records", "Records appended but not committed by the active slot.", o ->
                (double) o.lag());
        observed(
                "shadowscale_scaler_lag_seconds",
                "The lag in seconds of input: lag records over the input rate (at least 1 record/s).",
                o -> o.lag() / Math.max(1.0, o.inputRate()));
        GaugeWithCallback.builder()
                .name("shadowscale_scaler_lag_target_seconds")
                .labelNames("pair")
                .help("The pair's lag target (lagTarget of its ScaledObject).")
                .callback(cb -> lagTargets.forEach((pair, t) -> cb.call(t, pair)))
                .register(registry);
        decisions = Instruments.counter(
                registry,
                "shadowscale_scaler_policy_decisions_total",
                "Decisions of the scaling policy, by reason.",
                "pair",
                "reason");
        stateWrites = Instruments.histogram(
                registry,
                SHORT_BOUNDS,
                "shadowscale_scaler_state_write_duration_seconds",
                "One synchronous write of a pair's state to the state topic (acks=all).");
        handoffGaps = Instruments.histogram(
                registry,
                SHORT_BOUNDS,
                "shadowscale_scaler_handoff_gap_seconds",
                "Per partition handed over in a walk: the old owner's stop to the new owner's start, as the"
                        + " new owner reported it.",
                "pair");
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The interceptor to install on the KEDA-facing gRPC server. */
    public ServerInterceptor kedaCalls() {
        return keda;
    }

    /** The last traffic observation of {@code pair} the controller reported (empty before the first). */
    public Optional<Observation> lastObservation(PairKey pair) {
        return Optional.ofNullable(observed.get(pair.toString()));
    }

    /** Counts the walk transitions that happened since the last call. */
    public void refresh() {
        walks.observe(states.get());
    }

    @Override
    public void decided(PairSpec spec, Observation observation, PolicyOutcome outcome) {
        String pair = spec.pair().toString();
        observed.put(pair, observation);
        lagTargets.put(pair, spec.policy().lagTarget().toMillis() / 1000.0);
        handoffGaps.labelValues(pair); // the series exists (empty) before the pair's first walk
        decisions
                .labelValues(
                        pair, reason(observation.replicas(), outcome).name().toLowerCase())
                .inc();
    }

    @Override
    public void handedOver(PairKey pair, Partition partition, Duration gap) {
        handoffGaps.labelValues(pair.toString()).observe(gap.toNanos() / 1e9);
    }

    @Override
    public void stateWritten(Duration took) {
        stateWrites.observe(took.toNanos() / 1e9);
    }

    static DecisionReason reason(int current, PolicyOutcome outcome) {
        if (outcome.decision().resize()) {
            return outcome.decision().replicas() > current ? DecisionReason.GROW : DecisionReason.SHRINK;
        }
        PolicyMemory memory = outcome.memory();
        if (memory.pendingReplicas() > current) {
            return DecisionReason.HOLD_GROW_PENDING;
        }
        return memory.pendingReplicas() > 0 ? DecisionReason.HOLD_SHRINK_PENDING : DecisionReason.HOLD_IN_BAND;
    }

    static Optional<Duration> timeout(PairPhase phase, PolicySettings settings) {
        return switch (phase) {
            case STARTING, STEADY -> Optional.empty();
            case WARMING, ROLLING_BACK -> Optional.of(settings.warmupTimeout());
            case CUTTING_OVER, DRAINING -> Optional.of(settings.fenceTimeout());
        };
    }

    private interface PairSample {
        void write(PairState s, GaugeWithCallback.Callback cb);
    }

    private void perPair(String name, String help, String extraLabel, PairSample sample) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(extraLabel == null ? new String[] {"pair"} : new String[] {"pair", extraLabel})
                .callback(cb -> states.get().forEach(s -> sample.write(s, cb)))
                .register(registry);
    }

    private void observed(String name, String help, ToDoubleFunction<Observation> value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames("pair")
                .callback(cb -> observed.forEach((pair, o) -> cb.call(value.applyAsDouble(o), pair)))
                .register(registry);
    }
}
