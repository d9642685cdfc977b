package io.shadowscale.scaler.controller;

import io.shadowscale.common.Partition;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.model.CutoverStep;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.OperatorRequest;
import io.shadowscale.scaler.model.PairInputs;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import io.shadowscale.scaler.model.PairTransitions;
import io.shadowscale.scaler.model.PolicyOutcome;
import io.shadowscale.scaler.model.ScalingPolicy;
import io.shadowscale.scaler.model.WorkerReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pair's look of the leading pair controller: gathers its inputs (partitions, live workers, an
 * operator's request, a policy decision while STEADY, readiness and log ends while WARMING,
 * fallback offsets once a fence timed out), computes the next state with
 * {@link PairTransitions#next}, writes and publishes it if it changed, and sends the current step's
 * commands. A pair's first look seeds its start offsets and creates its state. Operator requests
 * wait here for the pair's next look.
 */
final class PairTick {
    private static final Logger LOG = LoggerFactory.getLogger(PairTick.class);

    private final Books books;
    private final FenceFallback fallback;
    private final SlotReadiness slotReadiness;
    private final ScalingPolicy policy;
    private final ControllerSettings settings;
    private final Map<PairKey, OperatorRequest> requests = new ConcurrentHashMap<>();

    /**
     * The controller's books a look reads and writes, shared with the {@link PairController}: Kafka
     * reads (partitions, start offsets, log ends), the pairs' states, the workers' reports, and the
     * sender of commands.
     */
    record Books(PairReads reads, PairStates states, WorkerBook workers, CommandSender commands) {}

    PairTick(Books books, ScalingPolicy policy, SlotReadiness slotReadiness, ControllerSettings settings) {
        this.books = books;
        this.policy = policy;
        this.slotReadiness = slotReadiness;
        this.settings = settings;
        this.fallback = new FenceFallback(books.reads().cluster(), books.workers(), settings.sessionTimeout());
    }

    /** Hands {@code request} (already checked) to the pair's next look, replacing one not taken yet. */
    void queue(PairKey pair, OperatorRequest request) {
        requests.put(pair, request);
    }

    /**
     * Looks at one pair at {@code now}: a scheduled look resends the current step's commands, an
     * unscheduled one only when the state moved. {@code observed} is the pair's metrics sample of
     * this round, if any.
     */
    void run(PairSpec spec, Instant now, boolean scheduled, Observation observed) {
        PairKey pair = spec.pair();
        PairState s = books.states().get(pair);
        if (s == null) {
            if (!books.reads().seedStartOffsets(spec, now)) {
                return;
            }
            s = PairState.starting(pair, spec.policy().minReplicas(), now);
            books.states().write(s);
            books.states().keep(s);
            LOG.info(
                    "pair {}: first start, activating {} worker(s) of {}",
                    pair,
                    s.activeReplicas(),
                    s.active().label());
        }
        Set<Partition> parts = books.reads().partitionsOf(spec, now);
        List<WorkerReport> live = books.workers().live(pair, now, settings.staleAfter());
        for (WorkerBook.Gap gap : books.workers().takeGaps(pair)) {
            books.states().observer().handedOver(pair, gap.partition(), gap.gap());
        }
        PairInputs in =
                PairInputs.of(parts, live).withPlanAllowed(settings.handoff() == ControllerSettings.Handoff.PLANNED);
        OperatorRequest request = requests.remove(pair);
        if (request != null) {
            in = in.withRequest(request);
        }
        PairState base = s;
        if (observed != null && s.phase() == PairPhase.STEADY && !s.paused()) {
            PolicyOutcome outcome = policy.decide(observed, spec.policy(), s.memory());
            books.states().observer().decided(spec, observed, outcome);
            base = s.withMemory(outcome.memory());
            in = in.withDecision(outcome.decision());
        }
        if (s.phase() == PairPhase.WARMING) {
            in = in.withPodsReady(slotReadiness.readyPods(spec, s.other()));
            if (s.planned() && !parts.isEmpty()) {
                in = in.withHandoffInputs(
                        books.reads().logEnds(pair, parts), books.workers().progress(pair, s.active(), now));
            }
        }
        if (s.phase() == PairPhase.CUTTING_OVER
                && s.step() != CutoverStep.BARRIER
                && !now.isBefore(s.since().plus(spec.policy().fenceTimeout()))) {
            in = in.withFallback(
                    fallback.offsets(s, parts, live, now), books.workers().lastPositions(pair, s.active()));
        }
        PairState next = PairTransitions.next(base, in, spec.policy(), now);
        boolean moved = next.epoch() != s.epoch();
        if (!next.equals(s)) {
            books.states().apply(s, next);
        }
        if (scheduled || moved) {
            books.commands().send(books.states().get(pair), live, now);
        }
    }
}
