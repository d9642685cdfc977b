package io.shadowscale.scaler.k8s;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.shadowscale.control.PairKey;

/**
 * Writes {@code core/v1} Events whose involvedObject is a KEDA ScaledObject (read as a generic
 * {@code keda.sh/v1alpha1} resource for its uid). Needs RBAC: events create; scaledobjects get, list.
 */
public final class KubernetesPairEvents implements PairEvents {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesPairEvents.class);
    static final String SCALED_OBJECT_API = "keda.sh/v1alpha1";
    static final String SCALED_OBJECT_KIND = "ScaledObject";
    static final String COMPONENT = "shadowscale-scaler";
    private static final int MAX_MESSAGE = 1024;
    /** Named in full so no API discovery is needed (and the mock server needs no CRD). */
    static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
            .withGroup("keda.sh").withVersion("v1alpha1").withKind(SCALED_OBJECT_KIND)
            .withPlural("scaledobjects").withNamespaced(true).build();

    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final AtomicLong sequence = new AtomicLong();

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
                GenericKubernetesResource scaledObject = scaledObjects().inNamespace(pair.namespace()).withName(name).get();
                if (scaledObject == null) {
                    LOG.warn("no ScaledObject {}/{} for pair {}: event {} not recorded", pair.namespace(), name, pair, reason);
                    continue;
                }
                write(pair, scaledObject, reason, message, warning);
                written++;
            } catch (KubernetesClientException e) {
                LOG.warn("could not record event {} on ScaledObject {}/{}: {}", reason, pair.namespace(), name, e.getMessage());
            }
        }
        return written;
    }

    @Override
    public int record(PairKey pair, String reason, String message, boolean warning) {
        List<GenericKubernetesResource> found;
        try {
            found = scaledObjects().inNamespace(pair.namespace()).withLabel(PAIR_LABEL, pair.name()).list().getItems();
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
                LOG.warn("could not record event {} on ScaledObject {}/{}: {}", reason, pair.namespace(),
                        scaledObject.getMetadata().getName(), e.getMessage());
            }
        }
        return written;
    }

    private void write(PairKey pair, GenericKubernetesResource scaledObject, String reason, String message, boolean warning) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = scaledObject.getMetadata().getName();
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
                .withMessage(message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE))
                .withType(warning ? "Warning" : "Normal")
                .withCount(1)
                .withFirstTimestamp(now.toString())
                .withLastTimestamp(now.toString())
                .withNewSource().withComponent(COMPONENT).withHost(instance).endSource()
                .withReportingComponent("shadowscale.io/scaler")
                .withReportingInstance(instance)
                .build();
        client.v1().events().inNamespace(pair.namespace()).resource(event).create();
    }

    private MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> scaledObjects() {
        return client.genericKubernetesResources(SCALED_OBJECTS);
    }
}
