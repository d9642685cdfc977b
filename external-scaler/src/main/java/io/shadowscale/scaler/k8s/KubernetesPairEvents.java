package io.shadowscale.scaler.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.shadowscale.control.PairKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code core/v1} Events whose involvedObject is a KEDA ScaledObject (read as a generic
 * {@code keda.sh/v1alpha1} resource for its uid). Like the Kubernetes event recorder, a repeat of the
 * same reason and message on the same object within {@link #AGGREGATION_WINDOW} bumps the first
 * Event's count instead of creating another. Needs RBAC: events create, patch; scaledobjects get, list.
 */
public final class KubernetesPairEvents implements PairEvents {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesPairEvents.class);
    static final String SCALED_OBJECT_API = "keda.sh/v1alpha1";
    static final String SCALED_OBJECT_KIND = "ScaledObject";
    static final String COMPONENT = "shadowscale-scaler";
    private static final int MAX_MESSAGE = 1024;
    private static final int MAX_SERIES = 512;
    /** A repeat within this time counts on the previous Event instead of creating one. */
    static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(10);
    /** Named in full so no API discovery is needed (and the mock server needs no CRD). */
    static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
            .withGroup("keda.sh")
            .withVersion("v1alpha1")
            .withKind(SCALED_OBJECT_KIND)
            .withPlural("scaledobjects")
            .withNamespaced(true)
            .build();

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();
    /** The newest Event of each repeated (object, reason, message): repeats bump its count. */
    private final Map<SeriesKey, Series> series = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesKey, Series> eldest) {
            return size() > MAX_SERIES;
        }
    });

    /**
     * @param client   a client of the cluster the pairs live in
     * @param clock    stamps the Events (first and last timestamp)
     * @param instance this replica's name, the Events' reportingInstance and source host
     */
    public KubernetesPairEvents(KubernetesClient client, Clock clock, String instance) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instance = Objects.requireNonNull(instance, "instance");
    }

    @Override
    public int record(PairKey pair, List<String> scaledObjectNames, String reason, String message, boolean warning) {
        int written = 0;
        for (String name : scaledObjectNames) {
            try {
                GenericKubernetesResource scaledObject = scaledObjects()
                        .inNamespace(pair.namespace())
                        .withName(name)
                        .get();
                if (scaledObject == null) {
                    LOG.warn(
                            "no ScaledObject {}/{} for pair {}: event {} not recorded",
                            pair.namespace(),
                            name,
                            pair,
                            reason);
                    continue;
                }
                write(pair, scaledObject, reason, message, warning);
                written++;
            } catch (KubernetesClientException e) {
                warnNotRecorded(pair, name, reason, e);
            }
        }
        return written;
    }

    @Override
    public int record(PairKey pair, String reason, String message, boolean warning) {
        List<GenericKubernetesResource> found;
        try {
            found = scaledObjects()
                    .inNamespace(pair.namespace())
                    .withLabel(PAIR_LABEL, pair.name())
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            LOG.warn("could not list the ScaledObjects of pair {}: {}", pair, e.getMessage());
            return 0;
        }
        int written = 0;
        for (GenericKubernetesResource scaledObject : found) {
            try {
                write(pair, scaledObject, reason, message, warning);
                written++;
            } catch (KubernetesClientException e) {
                warnNotRecorded(pair, scaledObject.getMetadata().getName(), reason, e);
            }
        }
        return written;
    }

    private static void warnNotRecorded(PairKey pair, String name, String reason, KubernetesClientException e) {
        LOG.warn("could not record event {} on ScaledObject {}/{}: {}", reason, pair.namespace(), name, e.getMessage());
    }

    private void write(
            PairKey pair, GenericKubernetesResource scaledObject, String reason, String message, boolean warning) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = scaledObject.getMetadata().getName();
        String text = message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE);
        String type = warning ? "Warning" : "Normal";
        SeriesKey key =
                new SeriesKey(pair.namespace(), name, scaledObject.getMetadata().getUid(), reason, text, type);
        Series previous = series.get(key);
        if (previous != null
                && Duration.between(previous.last(), now).compareTo(AGGREGATION_WINDOW) <= 0
                && bump(pair.namespace(), previous, now)) {
            series.put(key, new Series(previous.eventName(), previous.count() + 1, now));
            return;
        }
        Event event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(pair.namespace())
                .withName(name + "." + Long.toHexString(clock.millis()) + Long.toHexString(sequence.incrementAndGet()))
                .addToLabels(PAIR_LABEL, pair.name())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(SCALED_OBJECT_API)
                        .withKind(SCALED_OBJECT_KIND)
                        .withNamespace(pair.namespace())
                        .withName(name)
                        .withUid(scaledObject.getMetadata().getUid())
                        .withResourceVersion(scaledObject.getMetadata().getResourceVersion())
                        .build())
                .withReason(reason)
                .withMessage(text)
                .withType(type)
                .withCount(1)
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withNewSource()
                .withComponent(COMPONENT)
                .withHost(instance)
                .endSource()
                .withReportingComponent("shadowscale.io/scaler")
                .withReportingInstance(instance)
                .build();
        client.v1().events().inNamespace(pair.namespace()).resource(event).create();
        series.put(key, new Series(event.getMetadata().getName(), 1, now));
    }

    /** Counts a repeat on the existing Event (merge patch: no read needed); false if it is gone. */
    private boolean bump(String namespace, Series previous, Instant now) {
        String patch = "{\"count\":" + (previous.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}";
        try {
            client.v1()
                    .events()
                    .inNamespace(namespace)
                    .withName(previous.eventName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            return false; // expired (events live about an hour): start a new one
        }
    }

    /** What makes two Events the same, as the Kubernetes event recorder sees it. */
    private record SeriesKey(String namespace, String object, String uid, String reason, String message, String type) {}

    private record Series(String eventName, int count, Instant last) {}

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            scaledObjects() {
        return client.genericKubernetesResources(SCALED_OBJECTS);
    }
}
