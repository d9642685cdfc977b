package io.shadowscale.scaler.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.shadowscale.control.PairKey;

@EnableKubernetesMockClient(crud = true)
class KubernetesPairEventsTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private static final PairKey PAIR = new PairKey("client-a", "orders");
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T04:00:00.250Z"), ZoneOffset.UTC);
    private KubernetesPairEvents events;

    @BeforeEach
    void setUp() {
        server.reset();
        events = new KubernetesPairEvents(client, clock, "scaler-0");
    }

    @Test
    void recordsOneEventPerScaledObjectWithItsUid() {
        GenericKubernetesResource blue = createScaledObject("client-a", "orders-blue", "orders");
        GenericKubernetesResource green = createScaledObject("client-a", "orders-green", "orders");

        int written = events.record(PAIR, List.of("orders-blue", "orders-green"), "CutoverDone",
                "blue (4) -> green (6) at epoch 7", false);

        assertThat(written).isEqualTo(2);
        List<Event> recorded = eventsIn("client-a");
        assertThat(recorded).extracting(e -> e.getInvolvedObject().getName()).containsExactly("orders-blue", "orders-green");
        assertThat(recorded).extracting(e -> e.getInvolvedObject().getUid())
                .containsExactly(blue.getMetadata().getUid(), green.getMetadata().getUid());
        Event first = recorded.get(0);
        assertThat(first.getInvolvedObject().getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat(first.getInvolvedObject().getKind()).isEqualTo("ScaledObject");
        assertThat(first.getInvolvedObject().getNamespace()).isEqualTo("client-a");
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
        createScaledObject("client-a", "orders-blue", "orders");

        events.record(PAIR, List.of("orders-blue"), "WarmupTimedOut", "green not ready after 120s; rolled back", true);

        assertThat(eventsIn("client-a")).singleElement()
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
    }

    @Test
    void skipsScaledObjectsThatDoNotExist() {
        createScaledObject("client-a", "orders-blue", "orders");

        int written = events.record(PAIR, List.of("orders-blue", "orders-green"), "CutoverStarted", "m", false);

        assertThat(written).isEqualTo(1);
        assertThat(eventsIn("client-a")).extracting(e -> e.getInvolvedObject().getName()).containsExactly("orders-blue");
    }

    @Test
    void findsThePairsScaledObjectsByLabelInItsNamespaceOnly() {
        createScaledObject("client-a", "orders-blue", "orders");
        createScaledObject("client-a", "orders-green", "orders");
        createScaledObject("client-a", "payments-blue", "payments");
        createScaledObject("client-b", "orders-blue", "orders");

        int written = events.record(PAIR, "RolledBack", "m", true);

        assertThat(written).isEqualTo(2);
        assertThat(eventsIn("client-a")).extracting(e -> e.getInvolvedObject().getName())
                .containsExactly("orders-blue", "orders-green");
        assertThat(eventsIn("client-b")).isEmpty();
    }

    @Test
    void noneWritesNothing() {
        createScaledObject("client-a", "orders-blue", "orders");

        assertThat(PairEvents.none().record(PAIR, List.of("orders-blue"), "CutoverDone", "m", false)).isZero();
        assertThat(eventsIn("client-a")).isEmpty();
    }

    private static GenericKubernetesResource createScaledObject(String namespace, String name, String pair) {
        GenericKubernetesResource scaledObject = new GenericKubernetesResourceBuilder()
                .withApiVersion("keda.sh/v1alpha1")
                .withKind("ScaledObject")
                .withNewMetadata().withNamespace(namespace).withName(name).addToLabels("shadowscale.io/pair", pair).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("scaleTargetRef", Map.of("name", name))))
                .build();
        GenericKubernetesResource created = client.genericKubernetesResources(KubernetesPairEvents.SCALED_OBJECTS)
                .inNamespace(namespace).resource(scaledObject).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        return created;
    }

    private static List<Event> eventsIn(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(e -> e.getMetadata().getName()))
                .toList();
    }
}
