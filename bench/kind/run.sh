#!/usr/bin/env bash
# The Kubernetes perf run, on a machine with Docker and kind (it cannot run where there is no
# container engine). From the repository root or anywhere:
#
#   bench/kind/run.sh [--skip-build] [--delete-cluster]
#
# 1. creates the kind cluster (kind-config.yaml) unless it exists;
# 2. installs KEDA (helm chart; the release manifest when helm is missing);
# 3. starts a single-node KRaft Kafka in namespace kafka and creates the topics;
# 4. builds the scaler and worker jars and images, loads them into kind;
# 5. applies manifests/overlays/bench (scaler + pair "load" in namespace bench);
# 6. runs the load (LOAD_PHASES, default 30k -> 120k -> 30k msg/s) as a Job, sampling replicas,
#    readiness and consumer lag every SAMPLE_SECONDS;
# 7. writes the report to bench/kind/reports/<UTC timestamp>/ (summary.md + raw files).
#
# Environment: CLUSTER (shadowscale), KEDA_VERSION (2.17.2), KAFKA_IMAGE (apache/kafka:4.4.0),
# PARTITIONS (24), LOAD_PHASES ("30000:240 120000:480 30000:600"), SAMPLE_SECONDS (5).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/kind"
cd "$root"

CLUSTER=${CLUSTER:-shadowscale}
KEDA_VERSION=${KEDA_VERSION:-2.17.2}
KAFKA_IMAGE=${KAFKA_IMAGE:-apache/kafka:4.4.0}
PARTITIONS=${PARTITIONS:-24}
LOAD_PHASES=${LOAD_PHASES:-"30000:240 120000:480 30000:600"}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-5}
VERSION=0.1.0
NS=bench
PAIR=load
KCTX="kind-$CLUSTER"

skip_build=false
delete_cluster=false
for arg in "$@"; do
  case "$arg" in
    --skip-build) skip_build=true ;;
    --delete-cluster) delete_cluster=true ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

log() { printf '%s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
k() { kubectl --context "$KCTX" "$@"; }
kafka_exec() { k -n kafka exec kafka-0 -- "$@"; }

preflight() {
  local missing=()
  for tool in docker kind kubectl mvn java; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing tools: ${missing[*]} (this run needs Docker, kind >= 0.24, kubectl, Maven and Java 17)" >&2
    exit 2
  fi
  docker info >/dev/null 2>&1 || { echo "docker is installed but its engine is not reachable" >&2; exit 2; }
  # kind >= 0.24 enforces NetworkPolicies (kindnet); older ones ignore them, so the run would not
  # exercise the scaler's policy.
  local kind_version
  kind_version=$(kind version 2>/dev/null | grep -oE 'v[0-9]+\.[0-9]+' | head -1)
  case "$kind_version" in
    v0.[0-9]|v0.1[0-9]|v0.2[0-3]) echo "warning: kind $kind_version does not enforce NetworkPolicies (needs >= 0.24)" >&2 ;;
  esac
}

create_cluster() {
  if kind get clusters 2>/dev/null | grep -qx "$CLUSTER"; then
    log "cluster $CLUSTER exists; reusing it"
  else
    log "creating kind cluster $CLUSTER"
    kind create cluster --name "$CLUSTER" --config "$root/kind-config.yaml" --wait 180s
  fi
}

install_keda() {
  log "installing KEDA $KEDA_VERSION"
  if command -v helm >/dev/null 2>&1; then
    helm repo add kedacore https://kedacore.github.io/charts --force-update >/dev/null
    helm upgrade --install keda kedacore/keda --kube-context "$KCTX" --namespace keda --create-namespace \
      --version "$KEDA_VERSION" --wait --timeout 5m
  else
    k apply --server-side \
      -f "https://github.com/kedacore/keda/releases/download/v$KEDA_VERSION/keda-$KEDA_VERSION.yaml"
    k -n keda rollout status deployment/keda-operator --timeout=300s
    k -n keda rollout status deployment/keda-metrics-apiserver --timeout=300s
    # The ScaledObjects are validated by KEDA's admission webhook (Deployment keda-admission in the
    # release manifest): wait for it too.
    k -n keda rollout status deployment/keda-admission --timeout=300s
  fi
}

start_kafka() {
  log "starting Kafka ($KAFKA_IMAGE)"
  sed "s#image: KAFKA_IMAGE#image: $KAFKA_IMAGE#" "$here/kafka.yaml" | k apply -f -
  k -n kafka rollout status statefulset/kafka --timeout=300s
  local topics=/opt/kafka/bin/kafka-topics.sh
  kafka_exec "$topics" --bootstrap-server localhost:9092 --create --if-not-exists \
    --topic bench.load --partitions "$PARTITIONS" --replication-factor 1
  kafka_exec "$topics" --bootstrap-server localhost:9092 --create --if-not-exists \
    --topic bench.load.out --partitions "$PARTITIONS" --replication-factor 1
  kafka_exec "$topics" --bootstrap-server localhost:9092 --create --if-not-exists \
    --topic "shadowscale.$NS.control" --partitions 6 --replication-factor 1
  kafka_exec "$topics" --bootstrap-server localhost:9092 --create --if-not-exists \
    --topic "shadowscale.$NS.state" --partitions 6 --replication-factor 1 --config cleanup.policy=compact
}

build_images() {
  if $skip_build; then
    log "skipping the build (--skip-build)"
  else
    log "building the scaler and worker jars"
    mvn -B -q -DskipTests -pl external-scaler,shadow-group-worker -am package
    log "building the images"
    docker build -f docker/scaler.Dockerfile -t "shadowscale/scaler:$VERSION" .
    docker build -f docker/worker.Dockerfile -t "shadowscale/worker:$VERSION" .
  fi
  kind load docker-image --name "$CLUSTER" "shadowscale/scaler:$VERSION" "shadowscale/worker:$VERSION"
}

deploy_overlay() {
  log "applying manifests/overlays/$NS"
  k apply -k "$root/manifests/overlays/$NS"
  k -n "$NS" rollout status deployment/shadowscale-scaler --timeout=300s
  k -n "$NS" wait --for=condition=Ready "scaledobject/$PAIR-blue" "scaledobject/$PAIR-green" --timeout=120s
}

group_lag() { # <group> -> total lag (0 when the group does not exist yet)
  kafka_exec /opt/kafka/bin/kafka-consumer-groups.sh --bootstrap-server localhost:9092 \
      --describe --group "$1" 2>/dev/null \
    | awk '$1 == "'"$1"'" && $6 ~ /^[0-9]+$/ { lag += $6 } END { print lag + 0 }'
}

replicas() { # <deployment> -> "spec ready"
  k -n "$NS" get deployment "$1" -o jsonpath='{.spec.replicas} {.status.readyReplicas}' 2>/dev/null \
    | awk '{ print ($1 == "" ? 0 : $1) " " ($2 == "" ? 0 : $2) }'
}

sample_loop() { # <timeline.csv>
  echo "epoch,blue_replicas,blue_ready,green_replicas,green_ready,blue_lag,green_lag" >"$1"
  while true; do
    local blue green
    blue=$(replicas "$PAIR-blue")
    green=$(replicas "$PAIR-green")
    echo "$(date +%s),${blue% *},${blue#* },${green% *},${green#* },$(group_lag "shadowscale.$NS.$PAIR.blue"),$(group_lag "shadowscale.$NS.$PAIR.green")" >>"$1"
    sleep "$SAMPLE_SECONDS"
  done
}

run_load() { # <report dir>
  local report=$1 total=0 phase
  for phase in $LOAD_PHASES; do total=$((total + ${phase##*:})); done
  log "running the load: $LOAD_PHASES (about $((total / 60)) min)"
  k -n "$NS" delete job shadowscale-load --ignore-not-found --wait
  sample_loop "$report/timeline.csv" &
  local sampler=$!
  sed -e "s#image: KAFKA_IMAGE#image: $KAFKA_IMAGE#" -e "s#value: LOAD_PHASES_VALUE#value: \"$LOAD_PHASES\"#" \
    "$here/load-job.yaml" | k apply -f -
  if ! k -n "$NS" wait --for=condition=Complete job/shadowscale-load --timeout="$((total + 600))s"; then
    log "the load Job did not complete; collecting what there is"
  fi
  # Let the scale-down after the last phase finish before the sampler stops.
  sleep 60
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  k -n "$NS" logs --prefix -l app.kubernetes.io/name=shadowscale-load --tail=-1 >"$report/load.log" 2>&1 || true
}

collect_report() { # <report dir>
  local report=$1
  log "collecting the report into ${report#"$root"/}"
  k -n "$NS" get events --sort-by=.lastTimestamp \
    --field-selector involvedObject.kind=ScaledObject -o wide >"$report/scaledobject-events.txt" 2>&1 || true
  k -n "$NS" get events --sort-by=.lastTimestamp -o wide >"$report/all-events.txt" 2>&1 || true
  k -n "$NS" get scaledobject,hpa,deployment,pods -o wide >"$report/objects.txt" 2>&1 || true
  k -n "$NS" logs --prefix -l app.kubernetes.io/name=shadowscale-scaler --tail=-1 >"$report/scaler.log" 2>&1 || true
  k -n "$NS" logs --prefix -l app.kubernetes.io/name=shadowscale-worker --tail=2000 >"$report/workers.log" 2>&1 || true
  k -n keda logs -l app=keda-operator --tail=2000 >"$report/keda-operator.log" 2>&1 || true
  k -n "$NS" get lease shadowscale-scaler -o yaml >"$report/lease.yaml" 2>&1 || true

  local sent max_blue max_green max_lag cutovers
  sent=$(grep -E 'records sent' "$report/load.log" || true)
  max_blue=$(awk -F, 'NR > 1 && $2 > m { m = $2 } END { print m + 0 }' "$report/timeline.csv")
  max_green=$(awk -F, 'NR > 1 && $4 > m { m = $4 } END { print m + 0 }' "$report/timeline.csv")
  max_lag=$(awk -F, 'NR > 1 { l = $6 + $7; if (l > m) m = l } END { print m + 0 }' "$report/timeline.csv")
  # A cutover shows as the active slot changing: the slot with replicas flips.
  cutovers=$(awk -F, 'NR > 1 { s = ($2 > 0 && $4 == 0) ? "blue" : (($4 > 0 && $2 == 0) ? "green" : ""); if (s != "" && p != "" && s != p) c++; if (s != "") p = s } END { print c + 0 }' "$report/timeline.csv")
  {
    echo "# Shadowscale on kind: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- cluster: kind \`$CLUSTER\`, KEDA $KEDA_VERSION, Kafka \`$KAFKA_IMAGE\`, topic bench.load with $PARTITIONS partitions"
    echo "- load phases (total msg/s : seconds): \`$LOAD_PHASES\`"
    echo "- largest size seen: blue $max_blue, green $max_green replicas"
    echo "- cutovers seen in the samples (active slot flipped): $cutovers"
    echo "- largest summed consumer lag in the samples: $max_lag records"
    echo
    echo "## Producer results (one line per producer pod and phase)"
    echo
    echo '```'
    echo "${sent:-no producer summary found (see load.log)}"
    echo '```'
    echo
    echo "## Pair transitions (Events on the ScaledObjects)"
    echo
    echo '```'
    cat "$report/scaledobject-events.txt"
    echo '```'
    echo
    echo "Raw: timeline.csv (every ${SAMPLE_SECONDS}s: replicas, ready, lag per slot), load.log, scaler.log,"
    echo "workers.log, keda-operator.log, objects.txt, all-events.txt, lease.yaml."
  } >"$report/summary.md"
  log "report: ${report#"$root"/}/summary.md"
}

main() {
  preflight
  create_cluster
  install_keda
  start_kafka
  build_images
  deploy_overlay
  local report
  report="$here/reports/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$report"
  run_load "$report"
  collect_report "$report"
  if $delete_cluster; then
    log "deleting cluster $CLUSTER"
    kind delete cluster --name "$CLUSTER"
  fi
}

main
