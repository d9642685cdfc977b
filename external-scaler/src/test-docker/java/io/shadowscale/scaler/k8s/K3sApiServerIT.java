package io.shadowscale.scaler.k8s;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.condition.EnabledIf;

/** The API server contracts against a real API server (k3s). Needs Docker; {@code -Pdocker}. */
@EnabledIf("io.shadowscale.scaler.k8s.K3sCluster#dockerAvailable")
class K3sApiServerIT {

    @Nested
    class PairEvents extends KubernetesPairEventsContract {
        PairEvents() {
            super(K3sCluster::client, K3sCluster::freshNamespace);
        }
    }

    @Nested
    class LeaderElection extends LeaseLeaderElectionContract {
        LeaderElection() {
            super(K3sCluster::client, K3sCluster::freshNamespace);
        }
    }
}
