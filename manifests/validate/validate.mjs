// Validates rendered Shadowscale manifests: every object against its schema (kubernetes-models,
// @kubernetes-models/keda, @kubernetes-models/argo-cd, @kubernetes-models/prometheus-operator), then the rules the schemas cannot say:
// each pair has two ScaledObjects (one pair id, slots blue and green, two distinct Deployments),
// each client overlay stays in its own namespace, and no two overlays share one.
//
//   node validate.mjs --overlay <name>=<rendered.yaml>... [--argocd <rendered.yaml>]
//     [--scaler-config <ScalerConfig.java>] [--worker-config <WorkerKeys.java>]
//
// Prints one line per problem and exits 1 when there is any; prints a one-line summary and exits
// 0 otherwise.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
  "PriorityClass", "StorageClass", "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);

const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

function parseArgs(argv) {
  const overlays = [];
  let argocd = null;
  let scalerConfig = null;
  let workerConfig = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--overlay" && i + 1 < argv.length) {
      const value = argv[++i];
      const eq = value.indexOf("=");
      if (eq <= 0) throw new Error(`--overlay wants <name>=<file>, got '${value}'`);
      overlays.push({ name: value.slice(0, eq), file: value.slice(eq + 1) });
    } else if (arg === "--argocd" && i + 1 < argv.length) {
      argocd = argv[++i];
    } else if (arg === "--scaler-config" && i + 1 < argv.length) {
      scalerConfig = argv[++i];
    } else if (arg === "--worker-config" && i + 1 < argv.length) {
      workerConfig = argv[++i];
    } else {
      throw new Error(`unknown argument '${arg}'; usage: validate.mjs --overlay <name>=<file>... [--argocd <file>] `
        + "[--scaler-config <ScalerConfig.java>] [--worker-config <WorkerKeys.java>]");
    }
  }
  if (overlays.length === 0) throw new Error("no --overlay given");
  return { overlays, argocd, scalerConfig, workerConfig };
}

function load(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const objects = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      fail(file, `YAML error: ${doc.errors[0].message}`);
      continue;
    }
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

// apiVersion + kind -> module path of its model class.
function modelPath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "keda.sh") return `@kubernetes-models/keda/keda.sh/${version}/${kind}`;
  if (group === "argoproj.io") return `@kubernetes-models/argo-cd/argoproj.io/${version}/${kind}`;
  if (group === "monitoring.coreos.com") return `@kubernetes-models/prometheus-operator/monitoring.coreos.com/${version}/${kind}`;
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

const models = new Map();
async function validateSchema(where, object) {
  if (!object.apiVersion || !object.kind || !object.metadata?.name) {
    fail(where, "object without apiVersion, kind or metadata.name");
    return false;
  }
  const path = modelPath(object.apiVersion, object.kind);
  if (!models.has(path)) {
    try {
      const module = await import(path);
      models.set(path, module[object.kind]);
    } catch (e) {
      models.set(path, null);
    }
  }
  const Model = models.get(path);
  if (!Model) {
    fail(where, `no schema for ${object.apiVersion} ${object.kind}`);
    return false;
  }
  try {
    new Model(object).validate();
    return true;
  } catch (e) {
    fail(where, `schema: ${e.message}`);
    return false;
  }
}

const id = (o) => `${o.kind}/${o.metadata?.name}`;

// The value a Deployment's first container sees for `name`: envFrom ConfigMaps in order, then env
// (later wins, as in the kubelet). Secrets and fieldRefs count as "set elsewhere" (undefined value).
function effectiveEnv(deployment, configMaps, name) {
  const container = deployment.spec?.template?.spec?.containers?.[0] ?? {};
  let value;
  for (const source of container.envFrom ?? []) {
    const data = source.configMapRef ? configMaps.get(source.configMapRef.name) : undefined;
    if (data && Object.hasOwn(data, name)) value = data[name];
  }
  const direct = (container.env ?? []).find((e) => e.name === name);
  if (direct) value = direct.value;
  return value;
}
const envOf = (deployment, name) => (deployment.spec?.template?.spec?.containers ?? [])
  .flatMap((c) => c.env ?? []).find((e) => e.name === name);

// What KEDA 2.17 (the version the add-on installs) does with a ScaledObject, checked here because
// @kubernetes-models/keda 0.4.2 predates fallback.behavior and accepts unknown fields.
const FALLBACK_BEHAVIORS = new Set(["static", "currentReplicas", "currentReplicasIfHigher", "currentReplicasIfLower"]);
const MAX_COOLDOWN_SECONDS = 60;
// KEDA reads these only from a TriggerAuthentication (order=authParams in its external scaler);
// in trigger metadata they are ignored for the connection and forwarded to the scaler as metadata.
const TLS_AUTH_PARAMS = ["caCert", "tlsClientCert", "tlsClientKey"];
const TLS_METADATA_KEYS = [...TLS_AUTH_PARAMS, "tlsCertFile"];

// How many replicas the HPA lets a slot reach in one period when it starts from `from`
// (KEDA wakes a slot 0 -> 1, then the HPA takes it 1 -> M under behavior.scaleUp).
function scaleUpReach(scaleUp, from) {
  if (!scaleUp) return from + Math.max(4, from); // the HPA default: 4 pods or 100 % per 15 s
  if (scaleUp.selectPolicy === "Disabled") return from;
  const reaches = (scaleUp.policies ?? []).map((p) => (p.type === "Pods" ? from + p.value
    : p.type === "Percent" ? Math.ceil(from * (1 + p.value / 100)) : from));
  if (reaches.length === 0) return from + Math.max(4, from);
  return scaleUp.selectPolicy === "Min" ? Math.min(...reaches) : Math.max(...reaches);
}

function checkKedaSpec(where, so, trigger) {
  const spec = so.spec ?? {};
  const meta = trigger.metadata ?? {};
  if (trigger.metricType !== "AverageValue") {
    fail(where, `trigger metricType is '${trigger.metricType ?? "(unset)"}', must be AverageValue `
      + "(target 1, value = wanted replicas; KEDA 2.17 applies fallback only to AverageValue)");
  }
  const fallback = spec.fallback;
  if (!fallback) {
    fail(where, "has no fallback: an unreachable scaler would leave the HPA without a metric");
  } else {
    if (!FALLBACK_BEHAVIORS.has(fallback.behavior ?? "static")) {
      fail(where, `fallback.behavior '${fallback.behavior}' is not one of ${[...FALLBACK_BEHAVIORS].join(", ")}`);
    } else if ((fallback.behavior ?? "static") !== "currentReplicas") {
      fail(where, `fallback.behavior is '${fallback.behavior ?? "static"}', must be currentReplicas `
        + "(any other value resizes a live slot while the scaler is down: a rebalance)");
    }
    if (!(Number.isInteger(fallback.replicas) && fallback.replicas >= 1)) {
      fail(where, `fallback.replicas is ${fallback.replicas}, must be >= 1 (KEDA treats 0 as no fallback `
        + "and scales an erroring, inactive slot to zero after the cooldown)");
    }
    if (!(Number.isInteger(fallback.failureThreshold) && fallback.failureThreshold >= 1)) {
      fail(where, `fallback.failureThreshold is ${fallback.failureThreshold}, must be >= 1`);
    }
  }
  if (!(Number.isInteger(spec.cooldownPeriod) && spec.cooldownPeriod <= MAX_COOLDOWN_SECONDS)) {
    fail(where, `cooldownPeriod is ${spec.cooldownPeriod ?? "unset (KEDA default 300)"}, must be <= ${MAX_COOLDOWN_SECONDS} `
      + "(the scaler already waited for the drain)");
  }
  const wanted = Number(meta.maxReplicas);
  if (!Number.isInteger(wanted) || wanted < 1) {
    fail(where, `trigger maxReplicas '${meta.maxReplicas}' is not a positive integer`);
    return;
  }
  if (!(spec.maxReplicaCount >= wanted)) {
    fail(where, `maxReplicaCount ${spec.maxReplicaCount ?? "unset (KEDA default 100)"} is below the trigger's maxReplicas ${wanted}`);
  }
  const scaleUp = spec.advanced?.horizontalPodAutoscalerConfig?.behavior?.scaleUp;
  const window = scaleUp?.stabilizationWindowSeconds ?? 0;
  if (window !== 0) fail(where, `HPA scaleUp.stabilizationWindowSeconds is ${window}, must be 0 (a waking slot grows at once)`);
  const reach = scaleUpReach(scaleUp, 1);
  if (reach < wanted) {
    fail(where, `HPA scaleUp lets a waking slot grow from 1 to only ${reach} replicas per period; `
      + `the scaler may want ${wanted} at once`);
  }
  for (const key of TLS_METADATA_KEYS) {
    if (Object.hasOwn(meta, key)) {
      fail(where, `trigger metadata carries '${key}': KEDA reads TLS material only from a TriggerAuthentication `
        + "and would forward this to the scaler as plain metadata");
    }
  }
  if (String(meta.unsafeSsl ?? "false") !== "false") fail(where, `trigger metadata unsafeSsl is '${meta.unsafeSsl}', must be false`);
}

// TLS between KEDA and the scaler: either every ScaledObject authenticates with a TriggerAuthentication
// holding caCert/tlsClientCert/tlsClientKey and the scaler serves TLS, or neither does.
function checkTls(name, objects, scaledObjects, scalers) {
  const auths = new Map(objects.filter((o) => o.kind === "TriggerAuthentication").map((o) => [o.metadata.name, o]));
  const scalerTls = new Map(scalers.map((d) => [d.metadata.name, envOf(d, "SHADOWSCALE_TLS_CERT") !== undefined]));
  for (const so of scaledObjects) {
    const where = `${name}: ${id(so)}`;
    const trigger = (so.spec?.triggers ?? []).find((t) => t.type === "external-push");
    if (!trigger) continue;
    const ref = trigger.authenticationRef;
    if (ref) {
      if (ref.kind && ref.kind !== "TriggerAuthentication") {
        fail(where, `authenticationRef is a ${ref.kind}; use a TriggerAuthentication in namespace of the client`);
      }
      const auth = auths.get(ref.name);
      if (!auth) {
        fail(where, `authenticationRef '${ref.name}' is not a TriggerAuthentication of this overlay`);
      } else {
        const params = (auth.spec?.secretTargetRef ?? []).map((r) => r.parameter);
        const missing = TLS_AUTH_PARAMS.filter((p) => !params.includes(p));
        const extra = params.filter((p) => !TLS_AUTH_PARAMS.includes(p));
        if (missing.length > 0) fail(`${name}: ${id(auth)}`, `lacks ${missing.join(", ")} (KEDA's mTLS to the scaler needs all three)`);
        if (extra.length > 0) fail(`${name}: ${id(auth)}`, `sets ${extra.join(", ")}, which KEDA's external scaler ignores`);
      }
    }
    for (const [scaler, serves] of scalerTls) {
      if (serves !== Boolean(ref)) {
        fail(where, `dials the scaler ${ref ? "with" : "without"} TLS but Deployment ${scaler} serves ${serves ? "TLS" : "plaintext"}`);
      }
    }
  }
}

const selects = (selector, labels) => !selector?.matchExpressions?.length
  && Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
const sameLabels = (a, b) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());
// The KEDA operator's pods: namespace keda, label app=keda-operator (set by both the Helm chart and
// the release manifest; the chart adds app.kubernetes.io/name, the release manifest does not).
const KEDA_NAMESPACE = { "kubernetes.io/metadata.name": "keda" };
const KEDA_OPERATOR = { app: "keda-operator" };
const isKedaOperator = (peer) => !peer.ipBlock
  && sameLabels(peer.namespaceSelector?.matchLabels, KEDA_NAMESPACE) && !peer.namespaceSelector?.matchExpressions?.length
  && sameLabels(peer.podSelector?.matchLabels, KEDA_OPERATOR) && !peer.podSelector?.matchExpressions?.length;

// Only the KEDA operator reaches the scaler's gRPC port; everything else is denied by default.
function checkNetworkPolicies(name, objects, scalers) {
  const policies = objects.filter((o) => o.kind === "NetworkPolicy" && (o.spec?.policyTypes ?? ["Ingress"]).includes("Ingress"));
  if (!policies.some((p) => selects(p.spec?.podSelector, {}) && !p.spec?.podSelector?.matchLabels && (p.spec?.ingress ?? []).length === 0)) {
    fail(name, "no default-deny ingress NetworkPolicy (podSelector {}, no ingress rules)");
  }
  for (const scaler of scalers) {
    const labels = scaler.spec?.template?.metadata?.labels ?? {};
    const grpc = (scaler.spec?.template?.spec?.containers?.[0]?.ports ?? []).find((p) => p.name === "grpc");
    if (!grpc) {
      fail(name, `${id(scaler)} has no container port named grpc`);
      continue;
    }
    let kedaAllowed = false;
    for (const policy of policies.filter((p) => selects(p.spec?.podSelector, labels))) {
      for (const rule of policy.spec?.ingress ?? []) {
        const ports = rule.ports ?? [];
        const coversGrpc = ports.length === 0 || ports.some((p) => p.port === undefined || p.port === grpc.name
          || p.port === grpc.containerPort || (p.endPort !== undefined && p.port <= grpc.containerPort && grpc.containerPort <= p.endPort));
        if (!coversGrpc) continue;
        const from = rule.from ?? [];
        const others = from.filter((peer) => !isKedaOperator(peer));
        if (from.length === 0 || others.length > 0) {
          fail(name, `${id(policy)} lets ${from.length === 0 ? "every source" : JSON.stringify(others)} reach ${id(scaler)}'s gRPC port `
            + `${grpc.containerPort}; only the KEDA operator (namespace keda, pods app=keda-operator) may`);
        } else {
          kedaAllowed = true;
        }
      }
    }
    if (!kedaAllowed) fail(name, `no NetworkPolicy lets the KEDA operator reach ${id(scaler)}'s gRPC port ${grpc.containerPort}`);
    checkOperatorPort(name, scaler, policies.filter((p) => selects(p.spec?.podSelector, labels)));
  }
}

// The operator port (the calls that change a pair) is never open to every source nor to monitoring,
// which reaches the read-only admin port only.
function checkOperatorPort(name, scaler, policies) {
  const operator = (scaler.spec?.template?.spec?.containers?.[0]?.ports ?? []).find((p) => p.name === "operator");
  if (!operator) return;
  for (const policy of policies) {
    for (const rule of policy.spec?.ingress ?? []) {
      const ports = rule.ports ?? [];
      const covers = ports.length === 0 || ports.some((p) => p.port === undefined || p.port === operator.name
        || p.port === operator.containerPort || (p.endPort !== undefined && p.port <= operator.containerPort && operator.containerPort <= p.endPort));
      if (!covers) continue;
      const from = rule.from ?? [];
      const monitoring = from.filter((peer) => peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring");
      if (from.length === 0 || monitoring.length > 0) {
        fail(name, `${id(policy)} lets ${from.length === 0 ? "every source" : "namespace monitoring"} reach ${id(scaler)}'s `
          + `operator port ${operator.containerPort}; monitoring may reach the read-only admin port only`);
      }
    }
  }
}

// The settings the processes accept, read from their Java sources so the two cannot drift:
// ScalerConfig (Setting.required/optional(PREFIX + "X"), or its optional-setting helpers
// port/topic/file/leaseSeconds("X", ...)) refuses unknown SHADOWSCALE_* names and exits 2; WorkerKeys
// (new ConfigKey<>("SHADOWSCALE_X", Default.required()/fromVariable("V")...)).
function scalerSettings(file) {
  const declared = /Setting<[^=]*>\s+\w+\s*=\s*(?:Setting\.(required|optional)\(\s*PREFIX \+ |(?:port|topic|file|leaseSeconds)\(\s*)"([A-Z0-9_]+)"/g;
  const found = [...readFileSync(file, "utf8").matchAll(declared)]
    .map((m) => ({ name: `SHADOWSCALE_${m[2]}`, required: m[1] === "required" }));
  if (found.length === 0) throw new Error(`no Setting.required/optional(PREFIX + "...") found in ${file}`);
  return found;
}
function workerSettings(file) {
  const found = [...readFileSync(file, "utf8").matchAll(/new ConfigKey<>\(\s*"(SHADOWSCALE_[A-Z0-9_]+)",\s*Default\.(\w+)\(("([A-Z0-9_]+)")?/g)]
    .map((m) => ({ name: m[1], required: m[2] === "required", fromVariable: m[2] === "fromVariable" ? m[4] : null }));
  if (found.length === 0) throw new Error(`no new ConfigKey<>("SHADOWSCALE_...") found in ${file}`);
  return found;
}
const EXAMPLE_PROCESSOR = "io.shadowscale.worker.example.ExampleProcessor";

// Every variable name a Deployment's first container gets: env (value or valueFrom) and the keys
// of its envFrom ConfigMaps. Secrets are created out of band: their keys are unknown here.
function envNames(deployment, configMaps) {
  const container = deployment.spec?.template?.spec?.containers?.[0] ?? {};
  const names = new Set();
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.keys(configMaps.get(source.configMapRef.name) ?? {}).forEach((k) => names.add(k));
  }
  for (const e of container.env ?? []) names.add(e.name);
  return names;
}
const isSet = (deployment, configMaps, name) => {
  const direct = envOf(deployment, name);
  if (direct?.valueFrom) return true;
  const value = effectiveEnv(deployment, configMaps, name);
  return value !== undefined && value !== "";
};

function checkProcessEnv(name, scalers, workers, configMaps, settings) {
  if (settings.scaler) {
    const known = new Set(settings.scaler.map((s) => s.name));
    for (const d of scalers) {
      const where = `${name}: ${id(d)}`;
      for (const env of envNames(d, configMaps)) {
        if (env.startsWith("SHADOWSCALE_") && !env.startsWith("SHADOWSCALE_KAFKA_") && !known.has(env)) {
          fail(where, `${env} is not a scaler setting (the scaler refuses unknown SHADOWSCALE_* names and exits)`);
        }
      }
      for (const s of settings.scaler.filter((x) => x.required)) {
        if (!isSet(d, configMaps, s.name)) fail(where, `${s.name} is required by the scaler and not set`);
      }
      if (effectiveEnv(d, configMaps, "SHADOWSCALE_LEADER_ELECTION") === "true") {
        for (const needed of ["SHADOWSCALE_POD_NAMESPACE", "SHADOWSCALE_POD_NAME"]) {
          if (!isSet(d, configMaps, needed)) fail(where, `${needed} is required with SHADOWSCALE_LEADER_ELECTION=true and not set`);
        }
      }
      if (isSet(d, configMaps, "SHADOWSCALE_TLS_CERT") !== isSet(d, configMaps, "SHADOWSCALE_TLS_KEY")) {
        fail(where, "SHADOWSCALE_TLS_CERT and SHADOWSCALE_TLS_KEY: both or neither");
      }
    }
  }
  if (settings.worker) {
    for (const d of workers) {
      const where = `${name}: ${id(d)}`;
      for (const s of settings.worker) {
        const satisfied = isSet(d, configMaps, s.name)
          || (s.fromVariable && (s.fromVariable === "HOSTNAME" || isSet(d, configMaps, s.fromVariable)));
        if ((s.required || s.fromVariable) && !satisfied) fail(where, `${s.name} is required by the worker and not set`);
      }
      const processor = effectiveEnv(d, configMaps, "SHADOWSCALE_PROCESSOR") || EXAMPLE_PROCESSOR;
      if (processor === EXAMPLE_PROCESSOR && !isSet(d, configMaps, "SHADOWSCALE_OUTPUT_TOPIC")) {
        fail(where, "runs the example processor (SHADOWSCALE_PROCESSOR unset or ExampleProcessor), which needs SHADOWSCALE_OUTPUT_TOPIC");
      }
    }
  }
}

// What the scaler does against the API server (k8s/ package): leader election on its Lease (get,
// create, update/patch), Events on the ScaledObjects (create), Deployment readiness (get), the
// pair's ScaledObjects (list). Its ServiceAccount's Roles must allow each, or it fails at run time.
function checkScalerRbac(name, objects, scalers, configMaps) {
  const roles = new Map(objects.filter((o) => o.kind === "Role").map((o) => [o.metadata.name, o]));
  for (const d of scalers) {
    const sa = d.spec?.template?.spec?.serviceAccountName ?? "default";
    const rules = objects.filter((o) => o.kind === "RoleBinding" && o.roleRef?.kind === "Role"
        && (o.subjects ?? []).some((s) => s.kind === "ServiceAccount" && s.name === sa))
      .flatMap((b) => roles.get(b.roleRef.name)?.rules ?? []);
    const allows = (group, resource, verb, resourceName) => rules.some((r) => (r.apiGroups ?? []).includes(group)
      && (r.resources ?? []).includes(resource) && ((r.verbs ?? []).includes(verb) || (r.verbs ?? []).includes("*"))
      && (!r.resourceNames?.length || (resourceName !== undefined && r.resourceNames.includes(resourceName))));
    const needs = [["", "events", "create"], ["apps", "deployments", "get"], ["keda.sh", "scaledobjects", "list"]];
    if (effectiveEnv(d, configMaps, "SHADOWSCALE_LEADER_ELECTION") === "true") {
      const lease = effectiveEnv(d, configMaps, "SHADOWSCALE_LEASE_NAME") ?? "shadowscale-scaler";
      needs.push(["coordination.k8s.io", "leases", "create"], ["coordination.k8s.io", "leases", "get", lease],
        ["coordination.k8s.io", "leases", "update", lease]);
    }
    for (const [group, resource, verb, resourceName] of needs) {
      if (!allows(group, resource, verb, resourceName)) {
        fail(`${name}: ${id(d)}`, `ServiceAccount ${sa} may not ${verb} ${resource}${resourceName ? ` '${resourceName}'` : ""}`
          + `${group ? ` (${group})` : ""}: no Role bound to it allows that`);
      }
    }
  }
}

function checkOverlay(name, objects, settings) {
  const namespaces = objects.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name);
  if (namespaces.length !== 1) {
    fail(name, `an overlay must hold exactly one Namespace, found ${namespaces.length} (${namespaces.join(", ")})`);
    return null;
  }
  const ns = namespaces[0];
  for (const o of objects) {
    if (CLUSTER_SCOPED.has(o.kind)) {
      if (o.kind !== "Namespace") fail(name, `${id(o)} is cluster-scoped; a client overlay may only create its Namespace`);
    } else if (o.metadata.namespace !== ns) {
      fail(name, `${id(o)} is in namespace '${o.metadata.namespace ?? "(none)"}', not the overlay's '${ns}'`);
    }
    if (o.kind === "RoleBinding") {
      for (const s of o.subjects ?? []) {
        if (s.kind === "ServiceAccount" && s.namespace && s.namespace !== ns) {
          fail(name, `${id(o)} binds ServiceAccount ${s.namespace}/${s.name} from another namespace`);
        }
      }
    }
  }
  const deployments = new Map(objects.filter((o) => o.kind === "Deployment").map((o) => [o.metadata.name, o]));
  const services = new Set(objects.filter((o) => o.kind === "Service").map((o) => o.metadata.name));

  // The scaler and every worker talk to the same Kafka and control topic.
  const configMaps = new Map(objects.filter((o) => o.kind === "ConfigMap").map((o) => [o.metadata.name, o.data ?? {}]));
  for (const key of ["SHADOWSCALE_BOOTSTRAP_SERVERS", "SHADOWSCALE_CONTROL_TOPIC"]) {
    const seen = new Map();
    for (const d of deployments.values()) {
      const value = effectiveEnv(d, configMaps, key);
      if (value === undefined || value === "") {
        fail(name, `${id(d)} has no ${key}`);
      } else {
        seen.set(value, [...(seen.get(value) ?? []), d.metadata.name]);
      }
    }
    if (seen.size > 1) {
      fail(name, `${key} differs between Deployments: ${[...seen].map(([v, ds]) => `'${v}' (${ds.join(", ")})`).join(" vs ")}`);
    }
  }

  // The scaler serves only its own namespace.
  for (const d of deployments.values()) {
    const allowed = envOf(d, "SHADOWSCALE_ALLOWED_NAMESPACES");
    if (!allowed) continue;
    const own = allowed.valueFrom?.fieldRef?.fieldPath === "metadata.namespace"
      || (allowed.value ?? "").split(",").map((s) => s.trim()).every((s) => s === ns);
    if (!own) fail(name, `${id(d)} SHADOWSCALE_ALLOWED_NAMESPACES lets it serve other namespaces than '${ns}'`);
  }

  // Pairs.
  const scaledObjects = objects.filter((o) => o.kind === "ScaledObject");
  const byTarget = new Map();
  const byPair = new Map();
  for (const so of scaledObjects) {
    const where = `${name}: ${id(so)}`;
    const target = so.spec?.scaleTargetRef?.name;
    byTarget.set(target, [...(byTarget.get(target) ?? []), so.metadata.name]);
    const triggers = (so.spec?.triggers ?? []).filter((t) => t.type === "external-push");
    if (triggers.length !== 1) {
      fail(where, `needs exactly one external-push trigger, has ${triggers.length}`);
      continue;
    }
    const meta = triggers[0].metadata ?? {};
    if (!meta.pair) fail(where, "trigger metadata has no 'pair'");
    if (meta.slot !== "blue" && meta.slot !== "green") fail(where, `trigger slot '${meta.slot}' is not blue or green`);
    if (meta.deployment !== target) {
      fail(where, `trigger deployment '${meta.deployment}' is not its scaleTargetRef '${target}'`);
    }
    if (so.spec.minReplicaCount !== 0) fail(where, `minReplicaCount is ${so.spec.minReplicaCount}, must be 0 (the idle slot sleeps)`);
    checkKedaSpec(where, so, triggers[0]);
    const deployment = deployments.get(target);
    if (!deployment) {
      fail(where, `scaleTargetRef '${target}' is not a Deployment of this overlay`);
    } else {
      const slotEnv = envOf(deployment, "SHADOWSCALE_SLOT")?.value;
      if (slotEnv !== meta.slot) fail(where, `Deployment ${target} runs slot '${slotEnv}' but the trigger says '${meta.slot}'`);
      for (const [key, field] of [["SHADOWSCALE_PAIR_NAME", "pair"], ["SHADOWSCALE_TOPICS", "topics"]]) {
        const value = effectiveEnv(deployment, configMaps, key);
        if (value !== meta[field]) {
          fail(where, `Deployment ${target} has ${key}='${value}' but the trigger's ${field} is '${meta[field]}'`);
        }
      }
    }
    const host = String(meta.scalerAddress ?? "").split(":")[0];
    const [service, serviceNs] = host.split(".");
    if ((serviceNs ?? ns) !== ns || !services.has(service)) {
      fail(where, `scalerAddress '${meta.scalerAddress}' is not a scaler Service in namespace '${ns}'`);
    }
    // The scaler finds a pair's ScaledObjects by this label to attach its Events (PairEvents.PAIR_LABEL).
    const pairLabel = so.metadata.labels?.["shadowscale.io/pair"];
    if (meta.pair && pairLabel !== meta.pair) {
      fail(where, `label shadowscale.io/pair is '${pairLabel ?? "(none)"}', not the trigger's pair '${meta.pair}' (the scaler finds a pair's ScaledObjects by it for its Events)`);
    }
    if (meta.pair) byPair.set(meta.pair, [...(byPair.get(meta.pair) ?? []), { so, slot: meta.slot, target }]);
  }
  for (const [target, names] of byTarget) {
    if (names.length > 1) {
      fail(name, `Deployment ${target} is the scaleTargetRef of ${names.length} ScaledObjects (${names.join(", ")}); KEDA allows one`);
    }
  }
  for (const [pair, members] of byPair) {
    const where = `${name}: pair ${pair}`;
    if (members.length !== 2) {
      fail(where, `has ${members.length} ScaledObject(s) (${members.map((m) => m.so.metadata.name).join(", ")}), needs 2: blue and green`);
      continue;
    }
    if (members[0].slot === members[1].slot) fail(where, `both ScaledObjects are slot '${members[0].slot}'`);
    if (members[0].target === members[1].target) fail(where, `both slots scale Deployment ${members[0].target}`);
  }
  const targets = new Set(byTarget.keys());
  const scalers = [...deployments.values()].filter((d) => !targets.has(d.metadata.name));
  if (scaledObjects.length > 0 && scalers.length === 0) fail(name, "has ScaledObjects but no scaler Deployment");
  checkTls(name, objects, scaledObjects, scalers);
  checkNetworkPolicies(name, objects, scalers);
  checkScalerRbac(name, objects, scalers, configMaps);
  checkProcessEnv(name, scalers, [...deployments.values()].filter((d) => targets.has(d.metadata.name)), configMaps, settings);
  return { ns, pairs: byPair.size };
}

function checkArgo(objects, overlayNames) {
  const projects = new Map(objects.filter((o) => o.kind === "AppProject").map((o) => [o.metadata.name, o]));
  for (const [name, project] of projects) {
    for (const d of project.spec?.destinations ?? []) {
      if (!d.namespace || d.namespace.includes("*")) {
        fail(`argocd: AppProject/${name}`, `destination namespace '${d.namespace}' must name one namespace`);
      } else if (overlayNames.has(name) && d.namespace !== name) {
        fail(`argocd: AppProject/${name}`, `client project may deploy to namespace '${d.namespace}', not only '${name}'`);
      }
      if (d.server === "*" || d.name === "*") fail(`argocd: AppProject/${name}`, "destination allows every cluster");
      if (!d.name || d.server) {
        fail(`argocd: AppProject/${name}`, `destination ${JSON.stringify(d)} must name its cluster by name only (the Applications do)`);
      }
    }
  }
  for (const set of objects.filter((o) => o.kind === "ApplicationSet")) {
    const dest = set.spec?.template?.spec?.destination ?? {};
    if (!dest.name || dest.server) {
      fail(`argocd: ApplicationSet/${set.metadata.name}`, "template destination must use the cluster's name, not its server: "
        + "the projects allow clusters by name, and Argo CD matches name with name and server with server");
    }
  }
  const sets = objects.filter((o) => o.kind === "ApplicationSet");
  const clients = sets.find((s) => s.spec?.template?.spec?.project === "{{.path.basename}}");
  if (!clients) {
    fail("argocd", "no ApplicationSet generates one Application per overlay (project '{{.path.basename}}')");
    return;
  }
  const matrix = clients.spec.generators?.[0]?.matrix?.generators ?? [];
  const git = matrix.find((g) => g.git);
  if (!git || !matrix.find((g) => g.clusters)) {
    fail(`argocd: ApplicationSet/${clients.metadata.name}`, "needs a matrix of a git directories and a clusters generator");
    return;
  }
  const retryLimit = clients.spec.template.spec?.syncPolicy?.retry?.limit;
  if (!(retryLimit < 0)) {
    fail(`argocd: ApplicationSet/${clients.metadata.name}`, `sync retry limit is ${retryLimit ?? "unset"}, must be < 0 (unlimited): `
      + "Argo CD does not sync KEDA's Application first, so a client retries until KEDA's CRDs exist");
  }
  const excluded = new Set((git.git.directories ?? []).filter((d) => d.exclude).map((d) => d.path.split("/").pop()));
  for (const overlay of overlayNames) {
    if (!excluded.has(overlay) && !projects.has(overlay)) {
      fail("argocd", `overlay '${overlay}' is deployed by ${clients.metadata.name} but has no AppProject '${overlay}'`);
    }
  }
}

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  let settings;
  try {
    settings = {
      scaler: args.scalerConfig ? scalerSettings(args.scalerConfig) : null,
      worker: args.workerConfig ? workerSettings(args.workerConfig) : null,
    };
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  let objectCount = 0;
  let pairCount = 0;
  const owners = new Map();
  for (const overlay of args.overlays) {
    const objects = load(overlay.file);
    objectCount += objects.length;
    let schemaOk = true;
    for (const o of objects) schemaOk = (await validateSchema(`${overlay.name}: ${id(o)}`, o)) && schemaOk;
    const result = checkOverlay(overlay.name, objects, settings);
    if (!result) continue;
    pairCount += result.pairs;
    if (owners.has(result.ns)) {
      fail(overlay.name, `namespace '${result.ns}' is also used by overlay ${owners.get(result.ns)}; each client needs its own`);
    } else {
      owners.set(result.ns, overlay.name);
    }
  }
  let argoCount = 0;
  if (args.argocd) {
    const objects = load(args.argocd);
    argoCount = objects.length;
    for (const o of objects) await validateSchema(`argocd: ${id(o)}`, o);
    checkArgo(objects, new Set(args.overlays.map((o) => o.name)));
  }
  if (problems.length > 0) {
    for (const p of problems) console.error(`FAIL ${p}`);
    console.error(`manifests: ${problems.length} problem(s)`);
    process.exit(1);
  }
  console.log(`manifests OK: ${args.overlays.length} overlays (${[...owners.keys()].join(", ")}), `
    + `${pairCount} pairs, ${objectCount} objects${args.argocd ? `, ${argoCount} Argo CD objects` : ""} valid`);
}

await main();
