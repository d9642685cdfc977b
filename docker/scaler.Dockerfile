# The Shadowscale external scaler. Build the shaded jar first, then from the repository root:
#   mvn -B -DskipTests -pl external-scaler -am package
#   docker build -f docker/scaler.Dockerfile -t shadowscale/scaler:0.1.0 .
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 shadowscale \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin shadowscale

# Owned by root and read-only for the runtime user; the pod mounts /tmp as an emptyDir.
COPY external-scaler/target/external-scaler.jar /opt/shadowscale/external-scaler.jar

USER 10001:10001
WORKDIR /tmp
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# 9090: KEDA externalscaler gRPC + grpc.health.v1; 8081: admin (metrics).
EXPOSE 9090 8081
ENTRYPOINT ["java", "-jar", "/opt/shadowscale/external-scaler.jar"]
