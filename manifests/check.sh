#!/usr/bin/env bash
# Offline checks of the Kubernetes manifests (no cluster needed):
#   1. renders every overlay (manifests/overlays/*) and manifests/argocd with kustomize;
#   2. validates every rendered object against its schema (kubernetes-models, KEDA, Argo CD);
#   3. checks what schemas cannot: each pair has two ScaledObjects (one pair id, slots blue and
#      green, two distinct Deployments), each overlay stays in its own namespace, no two overlays
#      share a namespace, each client's AppProject is limited to its namespace.
#
#   manifests/check.sh                     the checks; one summary line, exit 0 when all pass
#   manifests/check.sh --self-test         also asserts that each broken fixture is rejected
#   manifests/check.sh --skip-missing-tools  exit 0 with a SKIP line when kustomize or node is missing
#
# Needs: node >= 20 with npm (the validator's pinned packages are installed with `npm ci` into
# manifests/validate/node_modules), and kustomize v5 through `kubectl kustomize` (kubectl >= 1.27)
# or a standalone `kustomize`. Debian's kubernetes-client (1.20) is too old.
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

args=()
for dir in "$here"/overlays/*/; do
  name=$(basename "$dir")
  render "$dir" "$work/$name.yaml" || exit 1
  args+=(--overlay "$name=$work/$name.yaml")
done
render "$here/argocd" "$work/argocd.yaml" || exit 1
args+=(--argocd "$work/argocd.yaml")

node "$validate_dir/validate.mjs" "${args[@]}"

if $self_test; then
  rejected=0
  for fixture in "$validate_dir"/fixtures/*/; do
    name=$(basename "$fixture")
    expect=$(cat "$fixture/expect.txt")
    render "$fixture" "$work/fixture-$name.yaml" || exit 1
    if node "$validate_dir/validate.mjs" --overlay "bench=$work/fixture-$name.yaml" >"$work/out" 2>&1; then
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
  # Two overlays in one namespace.
  if node "$validate_dir/validate.mjs" --overlay "bench=$work/bench.yaml" --overlay "copy=$work/bench.yaml" >"$work/out" 2>&1 \
      || ! grep -qF "namespace 'bench' is also used by overlay bench" "$work/out"; then
    echo "FAIL self-test: two overlays sharing namespace bench were not rejected as such" >&2
    cat "$work/out" >&2
    exit 1
  fi
  rejected=$((rejected + 1))
  echo "manifests self-test OK: $rejected broken fixtures rejected with the expected message"
fi
