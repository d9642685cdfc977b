package io.shadowscale.scaler.controller;

import io.shadowscale.common.Partition;
import io.shadowscale.control.ControlTopics;
import io.shadowscale.control.PairKey;
import io.shadowscale.control.SlotName;
import io.shadowscale.scaler.kafka.ClusterReader;
import io.shadowscale.scaler.kafka.MetricsReader;
import io.shadowscale.scaler.kafka.PairPartitions;
import io.shadowscale.scaler.kafka.StartOffsets;
import io.shadowscale.scaler.kafka.TopicSetup;
import io.shadowscale.scaler.model.Observation;
import io.shadowscale.scaler.model.PairPhase;
import io.shadowscale.scaler.model.PairSpec;
import io.shadowscale.scaler.model.PairState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pair controller's Admin reads and writes of the pairs' input topics and groups (the rates of
 * these calls are in {@link PairController}'s javadoc): partitions, metrics observations, log ends
 * for a planned handoff, start offsets at a pair's first start. Owns the Admin client.
 */
final class PairReads implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PairReads.class);

    private final Admin admin;
    private final ClusterReader cluster;
    private final MetricsReader metrics;
    private final PairPartitions pairPartitions;
    private final Duration metricsInterval;
    private final Map<PairKey, Instant> observedAt = new ConcurrentHashMap<>();

    PairReads(Admin admin, ControllerSettings settings) {
        this.admin = admin;
        this.cluster = new ClusterReader(admin);
        this.metrics = new MetricsReader(cluster);
        this.pairPartitions = new PairPartitions(cluster, settings.partitionsRefresh());
        this.metricsInterval = settings.metricsInterval();
    }

    /** The reader a {@link FenceFallback} looks at the active group with. */
    ClusterReader cluster() {
        return cluster;
    }

    /** Creates the control and state topics if missing. */
    void ensureTopics(ControlTopics topics, int controlPartitions) {
        TopicSetup.ensure(admin, topics, controlPartitions);
    }

    /** The pair's partitions are read again at the next refresh (its topics changed). */
    void forget(PairKey pair) {
        pairPartitions.forget(pair);
    }

    /** Describes, in one request, the topics of every pair whose partitions are due. */
    void refreshPartitions(Collection<PairSpec> specs, Instant now) {
        pairPartitions.refresh(specs, now).forEach((pair, why) -> LOG.warn("pair {}: {}", pair, why));
    }

    /** The pair's partitions; read now only if the tick's batched refresh did not try it yet (a new pair). */
    Set<Partition> partitionsOf(PairSpec spec, Instant now) {
        refreshPartitions(List.of(spec), now);
        return pairPartitions.of(spec.pair());
    }

    /**
     * Observes every STEADY, unpaused pair whose metrics are due, all with one listOffsets and one
     * listConsumerGroupOffsets; the pairs with an observation (a first sample is only a baseline).
     */
    Map<PairKey, Observation> observeDue(Collection<PairSpec> specs, Function<PairKey, PairState> states, Instant now) {
        List<MetricsReader.Request> due = new ArrayList<>();
        for (PairSpec spec : specs) {
            PairState s = states.apply(spec.pair());
            Set<Partition> parts = pairPartitions.of(spec.pair());
            if (s != null
                    && s.phase() == PairPhase.STEADY
                    && !s.paused()
                    && !parts.isEmpty()
                    && metricsDue(spec.pair(), now)) {
                due.add(new MetricsReader.Request(
                        spec.pair(), spec.pair().groupId(s.active()), parts, s.activeReplicas()));
            }
        }
        MetricsReader.Round round = metrics.observeAll(due, now);
        if (!round.unread().isEmpty()) {
            LOG.warn(
                    "metrics of {} of {} pair(s) not read this round{}: {}",
                    round.unread().size(),
                    due.size(),
                    round.problem().map(p -> " (" + p + ")").orElse(""),
                    round.unread().subList(0, Math.min(5, round.unread().size())));
        }
        return round.observations();
    }

    /** The log ends a planned handoff is bounded by; empty when they cannot be read (the walk then fences). */
    Map<Partition, Long> logEnds(PairKey pair, Set<Partition> parts) {
        try {
            return cluster.endOffsets(parts);
        } catch (RuntimeException e) {
            LOG.warn("pair {}: log ends not read, a ready walk fences instead: {}", pair, e.getMessage());
            return Map.of();
        }
    }

    /**
     * Before a pair's first start: commit the log-end offset for every partition the first slot's
     * group never committed (see {@link StartOffsets}), so the activated workers have somewhere to
     * start. False (try again next tick) if that failed; true if done, if the partitions are not
     * known yet, or if the group already has members.
     */
    boolean seedStartOffsets(PairSpec spec, Instant now) {
        Set<Partition> parts = partitionsOf(spec, now);
        String group = spec.pair().groupId(SlotName.BLUE);
        if (parts.isEmpty()) {
            LOG.warn(
                    "pair {}: partitions unknown at the first start; partitions of {} without a committed offset "
                            + "stay paused",
                    spec.pair(),
                    group);
            return true;
        }
        try {
            Map<Partition, Long> seeded = StartOffsets.seedMissing(admin, group, parts);
            if (!seeded.isEmpty()) {
                LOG.info(
                        "pair {}: first start; {} partition(s) of {} had no committed offset and start at the "
                                + "log end: {}",
                        spec.pair(),
                        seeded.size(),
                        group,
                        new TreeMap<>(seeded));
            }
            return true;
        } catch (IllegalStateException e) {
            if (StartOffsets.groupHasMembers(e)) {
                LOG.warn(
                        "pair {}: {} already has members at the first start; its committed offsets are used "
                                + "as they are",
                        spec.pair(),
                        group);
                return true;
            }
            LOG.warn("pair {}: cannot start yet: {}", spec.pair(), e.getMessage());
            return false;
        }
    }

    private boolean metricsDue(PairKey pair, Instant now) {
        Instant last = observedAt.get(pair);
        if (last == null || !now.isBefore(last.plus(metricsInterval))) {
            observedAt.put(pair, now);
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
