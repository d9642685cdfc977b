# The Shadowscale worker runtime. Build the shaded jar first, then from the repository root:
#   mvn -B -DskipTests -pl shadow-group-worker -am package
#   docker build -f docker/worker.Dockerfile -t shadowscale/worker:0.1.0 .
# A client ships its RecordProcessor as a jar on top of this image:
#   FROM shadowscale/worker:0.1.0
#   COPY target/orders-processor.jar /opt/shadowscale/lib/
# and names the class in SHADOWSCALE_PROCESSOR.
#
# Small runtime: a jlink'd Java runtime on debian:bookworm-slim (glibc and zlib for the JVM; no JDK,
# no compiler). The worker runs the client's code, which may use any Java SE API, so it gets all of
# Java SE (java.se) plus the JDK modules libraries load by name: jdk.unsupported (Unsafe, for Kafka's
# compression codecs and Netty), jdk.crypto.ec (TLS with EC keys), jdk.httpserver (health and
# metrics endpoints), jdk.naming.dns, jdk.management, jdk.jfr, jdk.zipfs: a 53 MB runtime (jlink of
# JDK 17.0.15 here) instead of a full JRE. The image itself was never built here (no container engine).

FROM eclipse-temurin:17-jdk AS jre
RUN jlink --add-modules java.se,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.management,jdk.naming.dns,jdk.unsupported,jdk.zipfs \
      --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/java

FROM debian:bookworm-slim
COPY --from=jre /opt/java /opt/java
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:$PATH \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

RUN groupadd --system --gid 10001 shadowscale \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin shadowscale \
 && mkdir -p /opt/shadowscale/lib
COPY shadow-group-worker/target/shadow-group-worker.jar /opt/shadowscale/shadow-group-worker.jar

# Numeric, non-root: Kubernetes can check runAsNonRoot against a number, not against a name.
USER 10001:10001
WORKDIR /tmp
# 8080: /healthz, /readyz, /metrics.
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/opt/shadowscale/shadow-group-worker.jar:/opt/shadowscale/lib/*", "io.shadowscale.worker.WorkerMain"]
