package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.shadowscale.control.PairKey;
import io.shadowscale.scaler.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events on ScaledObjects; run against fabric8's mock API server (CRUD mode) by
 * {@code MockApiServerTest}, and against a real API server (with a ScaledObject CRD) by the
 * {@code docker} profile's {@code K3sApiServerIT}.
 */
public abstract class KubernetesPairEventsContract extends ApiServerContract {
    private String clientA;
    private String clientB;
    private PairKey pair;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T04:00:00.250Z"));
    private KubernetesPairEvents events;

    @BeforeEach
    void setUp() {
        clientA = freshNamespace("client-a");
        clientB = freshNamespace("client-b");
        pair = new PairKey(clientA, "orders");
        events = new KubernetesPairEvents(client(), clock, "scaler-0");
    }

    protected KubernetesPairEventsContract(Supplier<KubernetesClient> client, UnaryOperator<String> freshNamespace) {
        super(client, freshNamespace);
    }

    @Test
    void recordsOneEventPerScaledObjectWithItsUid() {
        GenericKubernetesResource blue = createScaledObject(clientA, "orders-blue", "orders");
        GenericKubernetesResource green = createScaledObject(clientA, "orders-green", "orders");

        int written = events.record(
                pair, List.of("orders-blue", "orders-green"), "CutoverDone", "blue (4) -> green (6) at epoch 7", false);

        assertThat(written).isEqualTo(2);
        List<Event> recorded = eventsIn(clientA);
        assertThat(recorded)
                .extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("orders-blue", "orders-green");
        assertThat(recorded)
                .extracting(e -> e.getInvolvedObject().getUid())
                .containsExactly(
                        blue.getMetadata().getUid(), green.getMetadata().getUid());
        Event first = recorded.get(0);
        assertThat(first.getInvolvedObject().getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(first.getInvolvedObject().getKind()).isEqualTo("ScaledObject");
        assertThat(first.getInvolvedObject().getNamespace()).isEqualTo(clientA);
        assertThat(first.getReason()).isEqualTo("CutoverDone");
        assertThat(first.getMessage()).isEqualTo("blue (4) -> green (6) at epoch 7");
        assertThat(first.getType()).isEqualTo("Normal");
        assertThat(first.getFirstTimestamp()).isEqualTo("2026-11-25T04:00:00Z");
        assertThat(first.getSource().getComponent()).isEqualTo("shadowscale-scaler");
        assertThat(first.getReportingInstance()).isEqualTo("scaler-0");
        assertThat(first.getMetadata().getLabels()).containsEntry("shadowscale.io/pair", "orders");
    }

    @Test
    void warningEventsHaveWarningType() {
        createScaledObject(clientA, "orders-blue", "orders");

        events.record(pair, List.of("orders-blue"), "WarmupTimedOut", "green not ready after 120s; rolled back", true);

        assertThat(eventsIn(clientA))
                .singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void skipsScaledObjectsThatDoNotExist() {
        createScaledObject(clientA, "orders-blue", "orders");

        int written = events.record(pair, List.of("orders-blue", "orders-green"), "CutoverStarted", "m", false);

        assertThat(written).isEqualTo(1);
        assertThat(eventsIn(clientA))
                .extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("orders-blue");
    }

    @Test
    void findsThePairsScaledObjectsByLabelInItsNamespaceOnly() {
        createScaledObject(clientA, "orders-blue", "orders");
        createScaledObject(clientA, "orders-green", "orders");
        createScaledObject(clientA, "payments-blue", "payments");
        createScaledObject(clientB, "orders-blue", "orders");

        int written = events.record(pair, "RolledBack", "m", true);

        assertThat(written).isEqualTo(2);
        assertThat(eventsIn(clientA))
                .extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("orders-blue", "orders-green");
        assertThat(eventsIn(clientB)).isEmpty();
    }

    @Test
    void aRepeatWithinTheWindowCountsOnTheFirstEvent() {
        createScaledObject(clientA, "orders-blue", "orders");
        events.record(pair, List.of("orders-blue"), "WarmupWaiting", "green: 3 of 6 ready", false);
        clock.advance(Duration.ofSeconds(30));

        int written = events.record(pair, List.of("orders-blue"), "WarmupWaiting", "green: 3 of 6 ready", false);

        assertThat(written).isEqualTo(1);
        assertThat(eventsIn(clientA)).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(2);
            assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-25T04:00:00Z");
            assertThat(e.getLastTimestamp()).isEqualTo("2026-11-25T04:00:30Z");
        });
    }

    @Test
    void aDifferentMessageIsANewEvent() {
        createScaledObject(clientA, "orders-blue", "orders");
        events.record(pair, List.of("orders-blue"), "WarmupWaiting", "green: 3 of 6 ready", false);

        events.record(pair, List.of("orders-blue"), "WarmupWaiting", "green: 5 of 6 ready", false);

        assertThat(eventsIn(clientA))
                .extracting(Event::getMessage, Event::getCount)
                .containsExactlyInAnyOrder(tuple("green: 3 of 6 ready", 1), tuple("green: 5 of 6 ready", 1));
    }

    @Test
    void aRepeatAfterTheWindowIsANewEvent() {
        createScaledObject(clientA, "orders-blue", "orders");
        events.record(pair, List.of("orders-blue"), "CutoverDone", "m", false);
        clock.advance(KubernetesPairEvents.AGGREGATION_WINDOW.plusSeconds(1));

        events.record(pair, List.of("orders-blue"), "CutoverDone", "m", false);

        assertThat(eventsIn(clientA)).extracting(Event::getCount).containsExactly(1, 1);
    }

    @Test
    void aRepeatWhoseEventExpiredIsANewEvent() {
        createScaledObject(clientA, "orders-blue", "orders");
        events.record(pair, List.of("orders-blue"), "CutoverDone", "m", false);
        client().v1().events().inNamespace(clientA).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> eventsIn(clientA).isEmpty());

        int written = events.record(pair, List.of("orders-blue"), "CutoverDone", "m", false);

        assertThat(written).isEqualTo(1);
        assertThat(eventsIn(clientA)).extracting(Event::getCount).containsExactly(1);
    }

    @Test
    void noneWritesNothing() {
        createScaledObject(clientA, "orders-blue", "orders");

        assertThat(PairEvents.none().record(pair, List.of("orders-blue"), "CutoverDone", "m", false))
                .isZero();
        assertThat(eventsIn(clientA)).isEmpty();
    }

    private GenericKubernetesResource createScaledObject(String namespace, String name, String pair) {
        GenericKubernetesResource scaledObject = new GenericKubernetesResourceBuilder()
                .withApiVersion("keda.sh/v1alpha1")
                .withKind("ScaledObject")
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .addToLabels("shadowscale.io/pair", pair)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("scaleTargetRef", Map.of("name", name))))
                .build();
        GenericKubernetesResource created = client().genericKubernetesResources(KubernetesPairEvents.SCALED_OBJECTS)
                .inNamespace(namespace)
                .resource(scaledObject)
                .create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        return created;
    }

    private List<Event> eventsIn(String namespace) {
        return client().v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
                .toList();
    }
}
