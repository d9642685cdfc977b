# The Node.js example application of the sidecar mode (examples/node-processor), the second
# container of a sidecar pair pod (manifests/components/sidecar-node). From the repository root:
#   docker build -f docker/node-processor.Dockerfile -t shadowscale/node-processor:0.1.0 .
# The packages come from examples/node-processor/package-lock.json (npm ci, production only); the
# protocol file is the worker's own shadowscale_sidecar.proto, at the path the application loads
# it from by default. The image itself was never built here (no container engine).

FROM node:20-bookworm-slim AS deps
WORKDIR /app/examples/node-processor
COPY examples/node-processor/package.json examples/node-processor/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
COPY --from=deps /app/examples/node-processor/node_modules /app/examples/node-processor/node_modules
COPY examples/node-processor/package.json /app/examples/node-processor/
COPY examples/node-processor/src /app/examples/node-processor/src
COPY shadow-group-worker/src/main/proto/shadowscale_sidecar.proto /app/shadow-group-worker/src/main/proto/

# Numeric, non-root (the node image's own "node" user is 1000; a number lets Kubernetes check runAsNonRoot).
USER 10001:10001
WORKDIR /app/examples/node-processor
# 8081: /healthz, /readyz of the application (SHADOWSCALE_APP_HTTP_PORT).
EXPOSE 8081
ENTRYPOINT ["node", "src/main.js"]
