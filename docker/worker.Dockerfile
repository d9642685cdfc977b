# The Shadowscale worker runtime. Build the shaded jar first, then from the repository root:
#   mvn -B -DskipTests -pl shadow-group-worker -am package
#   docker build -f docker/worker.Dockerfile -t shadowscale/worker:0.1.0 .
# A client ships its RecordProcessor as a jar on top of this image:
#   FROM shadowscale/worker:0.1.0
#   COPY target/orders-processor.jar /opt/shadowscale/lib/
# and names the class in SHADOWSCALE_PROCESSOR.
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 shadowscale \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin shadowscale \
 && mkdir -p /opt/shadowscale/lib

COPY shadow-group-worker/target/shadow-group-worker.jar /opt/shadowscale/shadow-group-worker.jar

USER 10001:10001
WORKDIR /tmp
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 8080: /healthz, /readyz, /metrics.
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/opt/shadowscale/shadow-group-worker.jar:/opt/shadowscale/lib/*", "io.shadowscale.worker.WorkerMain"]
