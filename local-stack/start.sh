#!/usr/bin/env bash
# Starts the whole system locally without Docker: PostgreSQL, Kafka, the three services, the gateway on :8080.
# Usage (from anywhere): local-stack/start.sh [--rebuild] [--tokens-only] [--help]
#   --rebuild      build everything first, even if the jars exist
#   other flags go to the local stack (java -jar local-stack/target/local-stack.jar --help)
set -euo pipefail

cd "$(dirname "$0")/.."   # the repository root: the stack finds the service modules and .local-stack/ here

rebuild=false
args=()
for arg in "$@"; do
  if [[ "$arg" == "--rebuild" ]]; then rebuild=true; else args+=("$arg"); fi
done

jars=(
  local-stack/target/local-stack.jar
  lead-service/target/quarkus-app/quarkus-run.jar
  account-service/target/quarkus-app/quarkus-run.jar
  opportunity-service/target/quarkus-app/quarkus-run.jar
)
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || rebuild=true
done

if [[ "$rebuild" == true ]]; then
  echo "Building (./mvnw -q install -DskipTests)..."
  ./mvnw -q install -DskipTests
fi

# the web console the gateway serves at / (needs Node.js 20+ and npm)
if [[ ! -f web-console/target/dist/index.html ]]; then
  echo "Building the web console (./mvnw -q -pl web-console package)..."
  ./mvnw -q -pl web-console package || echo "The web console did not build (Node.js 20+ and npm needed); the API works without it."
fi

exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" com.acme.crm.stack.LocalStack ${args[@]+"${args[@]}"}
