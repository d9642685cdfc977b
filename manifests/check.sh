#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (no cluster needed):
#   1. renders every overlay (manifests/overlays/*) and manifests/argocd with kustomize;
#   2. validates every rendered object against its schema (kubernetes-models, KEDA, Argo CD);
#   3. checks what schemas cannot: each pair has two ScaledObjects (one pair id, slots blue and
#      green, two distinct Deployments), the KEDA settings the pairs rely on (AverageValue,
#      fallback currentReplicas, HPA scale-up in one step, short cooldown, TLS only through a
#      TriggerAuthentication and on both sides), only the KEDA operator reaches the scaler's gRPC
#      port, each overlay stays in its own namespace, no two overlays share a namespace, each
#      client's AppProject is limited to its namespace, the scaler's and workers' environment is
#      what ScalerConfig / WorkerConfig accept (read from their Java sources);
#   4. checks docker/*.Dockerfile: runtime-only final stage, numeric non-root USER;
#   5. lints the alert rules of components/monitoring and runs their unit tests (promtool).
#
#   manifests/check.sh                     the checks; one summary line, exit 0 when all pass
#   manifests/check.sh --self-test         also asserts that each broken fixture is rejected
#   manifests/check.sh --skip-missing-tools  exit 0 with a SKIP line when kustomize or node is missing
#
# Needs: node >= 20 with npm (the validator's pinned packages are installed with `npm ci` into
# manifests/validate/node_modules), and kustomize v5 through `kubectl kustomize` (kubectl >= 1.27)
# or a standalone `kustomize`. Debian's kubernetes-client (1.20) is too old. promtool comes with
# Debian's prometheus package.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
validate_dir="$here/validate"
self_test=false
skip_missing=false
for arg in "$@"; do
  case "$arg" in
    --self-test) self_test=true ;;
    --skip-missing-tools) skip_missing=true ;;
    *) echo "unknown argument '$arg' (use --self-test, --skip-missing-tools)" >&2; exit 2 ;;
  esac
done

missing() {
  if $skip_missing; then
    echo "manifests: SKIP ($1)"
    exit 0
  fi
  echo "manifests: $1" >&2
  exit 2
}

# kustomize v5: kubectl's built-in one, else a standalone binary.
kustomize_cmd=()
if command -v kubectl >/dev/null 2>&1 \
    && kubectl version --client 2>/dev/null | grep -Eq 'Kustomize Version: v[5-9]'; then
  kustomize_cmd=(kubectl kustomize)
elif command -v kustomize >/dev/null 2>&1 && kustomize version 2>/dev/null | grep -Eq 'v[5-9]'; then
  kustomize_cmd=(kustomize build)
else
  missing "kustomize v5 not found: install kubectl >= 1.27 (it embeds kustomize v5) or kustomize v5"
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing "node and npm not found"
fi

# The validator's dependencies, exactly as locked.
stamp="$validate_dir/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$validate_dir/package-lock.json" -nt "$stamp" ]; then
  (cd "$validate_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
    || { echo "manifests: npm ci failed in $validate_dir" >&2; exit 2; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # <kustomization dir> <output file>
  if ! "${kustomize_cmd[@]}" "$1" >"$2" 2>"$2.err"; then
    echo "FAIL kustomize could not render ${1#"$here"/}:" >&2
    cat "$2.err" >&2
    return 1
  fi
}

# The settings the scaler and the worker accept are read from their sources (validate.mjs).
root=$(cd "$here/.." && pwd)
overlay_args=(--scaler-config "$root/external-scaler/src/main/java/io/shadowscale/scaler/config/ScalerConfig.java"
  --worker-config "$root/shadow-group-worker/src/main/java/io/shadowscale/worker/WorkerKeys.java")
for dir in "$here"/overlays/*/; do
  name=$(basename "$dir")
  render "$dir" "$work/$name.yaml" || exit 1
  overlay_args+=(--overlay "$name=$work/$name.yaml")
done
render "$here/argocd" "$work/argocd.yaml" || exit 1

node "$validate_dir/validate.mjs" "${overlay_args[@]}" --argocd "$work/argocd.yaml"

# The alert rules: the PrometheusRule's groups as a Prometheus rule file, linted and unit-tested
# with promtool (each alert fires on a series that should fire it, and stays silent on another).
monitoring="$here/components/monitoring"
if command -v promtool >/dev/null 2>&1; then
  mkdir -p "$work/rules"
  cp "$monitoring/alerts-test.yaml" "$work/rules/"
  (cd "$validate_dir" && node -e '
    const { parse, stringify } = require("yaml");
    const fs = require("fs");
    const rule = parse(fs.readFileSync(process.argv[1], "utf8"));
    fs.writeFileSync(process.argv[2], stringify({ groups: rule.spec.groups }));
  ' "$monitoring/prometheusrule.yaml" "$work/rules/rules.yaml")
  promtool check rules "$work/rules/rules.yaml" >"$work/rules/out" 2>&1 \
    || { echo "FAIL promtool check rules components/monitoring/prometheusrule.yaml:" >&2; cat "$work/rules/out" >&2; exit 1; }
  (cd "$work/rules" && promtool test rules alerts-test.yaml) >"$work/rules/out" 2>&1 \
    || { echo "FAIL promtool test rules components/monitoring/alerts-test.yaml:" >&2; cat "$work/rules/out" >&2; exit 1; }
  alerts=$(grep -c '^        - alert: ' "$monitoring/prometheusrule.yaml")
  echo "alerts OK: $alerts alert rules pass promtool check rules and their unit tests (promtool test rules)"
elif $skip_missing; then
  echo "alerts: SKIP (promtool not found)"
else
  missing "promtool not found: install Debian's prometheus package (it brings promtool)"
fi

# The images: the final stage runs as a numeric non-root USER and is not a JDK image.
check_dockerfile() { # <Dockerfile> -> prints the problem, returns 1
  awk -v f="${1#"$root"/}" '
    /^FROM / { from = $2; user = ""; next }
    /^USER / { user = $2 }
    END {
      if (user !~ /^[1-9][0-9]*(:[0-9]+)?$/) { print "FAIL " f ": the final stage must end with a numeric non-root USER (uid[:gid]), has \"" user "\""; exit 1 }
      if (from ~ /jdk/) { print "FAIL " f ": the final stage is a JDK image (" from "); ship a runtime only"; exit 1 }
    }' "$1"
}
dockerfiles=0
for dockerfile in "$root"/docker/*.Dockerfile; do
  check_dockerfile "$dockerfile" >&2 || exit 1
  dockerfiles=$((dockerfiles + 1))
done
echo "images OK: $dockerfiles Dockerfiles end in a runtime-only stage with a numeric non-root USER"

if $self_test; then
  # Each fixture is a broken variant; its `mode` file says how it is validated:
  #   overlay (default)  alone, as overlay "bench"
  #   alongside          as one more overlay (named after the fixture) next to the real ones
  #   argocd             as the Argo CD tree, with the real overlays
  rejected=0
  for fixture in "$validate_dir"/fixtures/*/; do
    name=$(basename "$fixture")
    expect=$(cat "$fixture/expect.txt")
    mode=overlay
    [ -f "$fixture/mode" ] && mode=$(cat "$fixture/mode")
    render "$fixture" "$work/fixture-$name.yaml" || exit 1
    case "$mode" in
      overlay) fixture_args=("${overlay_args[@]:0:4}" --overlay "bench=$work/fixture-$name.yaml") ;;
      alongside) fixture_args=("${overlay_args[@]}" --overlay "$name=$work/fixture-$name.yaml") ;;
      argocd) fixture_args=("${overlay_args[@]}" --argocd "$work/fixture-$name.yaml") ;;
      *) echo "FAIL self-test: fixture $name has unknown mode '$mode'" >&2; exit 1 ;;
    esac
    if node "$validate_dir/validate.mjs" "${fixture_args[@]}" >"$work/out" 2>&1; then
      echo "FAIL self-test: fixture $name was accepted; it must fail with: $expect" >&2
      exit 1
    fi
    if ! grep -qF -- "$expect" "$work/out"; then
      echo "FAIL self-test: fixture $name failed without the expected message: $expect" >&2
      cat "$work/out" >&2
      exit 1
    fi
    rejected=$((rejected + 1))
  done
  # The Dockerfile check rejects a named user, root, and a JDK final stage.
  for broken in "FROM debian:bookworm-slim|USER shadowscale" "FROM debian:bookworm-slim|USER 0" \
      "FROM debian:bookworm-slim|USER 10001|FROM eclipse-temurin:17-jdk"; do
    tr '|' '\n' <<<"$broken" >"$work/broken.Dockerfile"
    if check_dockerfile "$work/broken.Dockerfile" >/dev/null; then
      echo "FAIL self-test: the Dockerfile check accepted: $broken" >&2
      exit 1
    fi
    rejected=$((rejected + 1))
  done
  echo "manifests self-test OK: $rejected broken fixtures rejected with the expected message"
fi
