# The Shadowscale external scaler. Build the shaded jar first, then from the repository root:
#   mvn -B -DskipTests -pl external-scaler -am package
#   docker build -f docker/scaler.Dockerfile -t shadowscale/scaler:0.1.0 .
#
# Small runtime: a Java runtime cut down by jlink to the modules the scaler uses (about 50 MB
# instead of a full JRE), on debian:bookworm-slim (glibc and zlib for the JVM; no JDK, no
# compiler). The module list is `jdeps --print-module-deps --recursive` over the scaler's runtime
# classpath, plus the modules loaded only by name at run time: jdk.crypto.ec (TLS with EC keys),
# jdk.naming.dns (DNS through JNDI), jdk.management (JVM metrics). The scaler's main was smoke-run
# on exactly this runtime (it starts and serves gRPC); the image itself was never built here.

FROM eclipse-temurin:17-jdk AS jre
RUN jlink --add-modules java.base,java.desktop,java.management,java.naming,java.security.jgss,java.security.sasl,java.sql,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/java

FROM debian:bookworm-slim
COPY --from=jre /opt/java /opt/java
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

RUN groupadd --system --gid 10001 shadowscale \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin shadowscale

# Owned by root and read-only for the runtime user; the pod mounts /tmp as an emptyDir.
COPY external-scaler/target/external-scaler.jar /opt/shadowscale/external-scaler.jar

# Numeric, non-root: Kubernetes can check runAsNonRoot against a number, not against a name.
USER 10001:10001
WORKDIR /tmp
# 9090: KEDA externalscaler gRPC + grpc.health.v1; 8081: admin (read-only: metrics, pair views);
# 8082: operator calls with a bearer token, only when SHADOWSCALE_OPERATOR_PORT is set.
EXPOSE 9090 8081 8082
ENTRYPOINT ["java", "-jar", "/opt/shadowscale/external-scaler.jar"]
