package io.shadowscale.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The named scenarios. Each entry says whether it takes the run's scale events ({@code steady}
 * keeps its members) and how to build it; an entry without a factory is a reserved slot that
 * reports why it cannot run yet. The Shadowscale pipeline plugs in either by adding the class
 * {@value #CUTOVER_CLASS} (a public {@link Scenario} with a public no-argument constructor, found at
 * start) or explicitly with {@code registry.register(ScenarioRegistry.CUTOVER, "...", true, CutoverScenario::new)}.
 */
public final class ScenarioRegistry {
    public static final String CUTOVER = "cutover";
    /** The class that, once present, fills the {@code cutover} slot. */
    public static final String CUTOVER_CLASS = "io.shadowscale.bench.load.cutover.CutoverScenario";

    static final String CUTOVER_MISSING = "not built yet: needs the worker and controller";
    static final String CUTOVER_DESCRIPTION = "Shadowscale: worker pair + controller, cutover at a barrier";

    /** One scenario: its name, a one-line description, whether it scales, and its factory (empty if not built). */
    public record Entry(
            String name,
            String description,
            boolean scales,
            Optional<Supplier<Scenario>> factory,
            String unavailableReason) {
        public boolean available() {
            return factory.isPresent();
        }

        /** A new instance, or an {@link IllegalStateException} naming the scenario and why it cannot run. */
        public Scenario create() {
            return factory.orElseThrow(
                            () -> new IllegalStateException("scenario '" + name + "' is " + unavailableReason))
                    .get();
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** steady, eager, cooperative, consumer, share, and the reserved cutover slot. */
    public static ScenarioRegistry defaults() {
        ScenarioRegistry r = new ScenarioRegistry();
        r.register(
                "steady",
                "fixed members, KIP-848 consumer group, no scale events",
                false,
                () -> GroupScenario.of(GroupScenario.Protocol.CONSUMER));
        r.register(
                "eager",
                "classic group, RangeAssignor (eager), resized in place",
                true,
                () -> GroupScenario.of(GroupScenario.Protocol.EAGER));
        r.register(
                "cooperative",
                "classic group, CooperativeStickyAssignor, resized in place",
                true,
                () -> GroupScenario.of(GroupScenario.Protocol.COOPERATIVE));
        r.register(
                "consumer",
                "KIP-848 group.protocol=consumer, resized in place",
                true,
                () -> GroupScenario.of(GroupScenario.Protocol.CONSUMER));
        r.register(
                "share",
                "share group (KIP-932), members added/removed, per-record acknowledge, no order",
                true,
                ShareScenario::new);
        Optional<Supplier<Scenario>> cutover = discover(CUTOVER_CLASS);
        r.entries.put(
                CUTOVER,
                new Entry(CUTOVER, CUTOVER_DESCRIPTION, true, cutover, cutover.isPresent() ? "" : CUTOVER_MISSING));
        return r;
    }

    /**
     * A scenario class found on the classpath: public, implementing {@link Scenario}, with a public
     * no-argument constructor. Lets {@code cutover} plug in without touching this registry.
     */
    static Optional<Supplier<Scenario>> discover(String className) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!Scenario.class.isAssignableFrom(type)) {
            throw new IllegalStateException(className + " does not implement " + Scenario.class.getName());
        }
        return Optional.of(() -> {
            try {
                return (Scenario) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + className + ": " + e, e);
            }
        });
    }

    /** Adds or replaces a scenario (the way {@code cutover} gets wired). */
    public ScenarioRegistry register(String name, String description, boolean scales, Supplier<Scenario> factory) {
        entries.put(name, new Entry(name, description, scales, Optional.of(factory), ""));
        return this;
    }

    public Optional<Entry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    public List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    public List<String> names() {
        return new ArrayList<>(entries.keySet());
    }
}
