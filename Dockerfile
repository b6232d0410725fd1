# StreamPulse: build with Maven, run on a JRE 17 as a non-root user.
#   docker build -t streampulse .                                  (x86-64)
#   docker build --build-arg JAVACPP_PLATFORM=linux-arm64 -t streampulse .   (Raspberry Pi 4/5, 64-bit OS)
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
ARG JAVACPP_PLATFORM=linux-x86_64
COPY pom.xml .
RUN mvn -B -q dependency:go-offline -Djavacpp.platform=${JAVACPP_PLATFORM}
COPY src src
RUN mvn -B -q package -DskipTests -Djavacpp.platform=${JAVACPP_PLATFORM}

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl libpulse0 libasound2 libxcb1 libxcb-shm0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin streampulse \
 && mkdir -p /data /app/.javacpp \
 && chown -R streampulse:streampulse /data /app
COPY --from=build /src/target/streampulse.jar /app/streampulse.jar
USER streampulse
WORKDIR /app
# config.yaml and streams.db live in /data; JavaCPP unpacks FFmpeg's natives into a writable cache
# MALLOC_ARENA_MAX: FFmpeg allocates natively on many probe threads; one glibc arena, trimmed by the JVM
# twice a second, keeps RSS small; buffers of 32 KB and more are mapped apart and returned when a probe ends
# (the same settings as deploy/streampulse.service, measured in bench/fleet-isolation.md)
ENV STREAMPULSE_CONFIG=/data/config.yaml \
    MALLOC_ARENA_MAX=1 \
    MALLOC_MMAP_THRESHOLD_=32768 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:TrimNativeHeapInterval=500 -XX:StackShadowPages=10 -Dorg.bytedeco.javacpp.cachedir=/app/.javacpp"
VOLUME /data
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/observe/health/ready || curl -fsSk https://127.0.0.1:8000/observe/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/streampulse.jar"]
CMD ["run"]
