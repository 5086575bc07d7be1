# AiPolicyHub container image. Build from the repository root:
#
#   docker build -t aipolicyhub .
#
# Deployment notes (volume, backups, TLS, read-only root file system): infra/README.md
#
# global.json asks for SDK 10.0.401 or a later feature band (rollForward: latestFeature).
# If the floating sdk:10.0 tag ever lags behind that, pin it:
#   docker build --build-arg SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0.401 -t aipolicyhub .
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

# ---------------------------------------------------------------------------------------------
FROM ${SDK_IMAGE} AS build
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
WORKDIR /src

# Restore first, from only the files restore reads, so this layer is reused until a project
# file, package version or build target changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/AiPolicyHub.Core/AiPolicyHub.Core.csproj src/AiPolicyHub.Core/
COPY src/AiPolicyHub.Web/AiPolicyHub.Web.csproj src/AiPolicyHub.Web/
RUN dotnet restore src/AiPolicyHub.Web/AiPolicyHub.Web.csproj \
        -p:UseAppHost=false

# Then the sources. Framework-dependent and portable (no runtime identifier), so the same
# Dockerfile builds amd64 and arm64 images.
COPY src/ src/
RUN dotnet publish src/AiPolicyHub.Web -c Release -o /app --no-restore \
        -p:UseAppHost=false

# ---------------------------------------------------------------------------------------------
FROM ${RUNTIME_IMAGE} AS runtime

# curl serves the HEALTHCHECK only: the aspnet image ships neither curl nor wget.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# The only folder the app writes (SQLite database and its -wal/-shm files; it stays empty with
# Database__Provider=Postgres, see infra/docker-compose.yml). Created and owned
# by the image's non-root user "app" (UID/GID $APP_UID = 1654) before VOLUME, so a new named
# volume starts with this ownership.
RUN mkdir -p /data \
    && chown "$APP_UID:$APP_UID" /data \
    && chmod 0750 /data

WORKDIR /app
# Owned by root and not writable by the app user.
COPY --from=build /app ./

ENV ASPNETCORE_HTTP_PORTS=8080 \
    Database__DataFolder=/data

VOLUME /data
EXPOSE 8080

# Numeric, so orchestrators can verify runAsNonRoot.
USER $APP_UID

# /healthz answers 200 "Healthy" once migrations have run and the database answers.
# The start period covers migrations at start-up (the server listens only after them).
# Change the port here if you change ASPNETCORE_HTTP_PORTS.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl --fail --silent --show-error --max-time 4 --output /dev/null http://127.0.0.1:8080/healthz || exit 1

ENTRYPOINT ["dotnet", "AiPolicyHub.Web.dll"]
