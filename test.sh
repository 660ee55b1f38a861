#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test against real PostgreSQL, RabbitMQ and
# MailDev started by the AppHost's own resource code.
set -euo pipefail
cd "$(dirname "$0")"
source eng/prerequisites.sh

echo "==> Building"
dotnet build CustomerPlatform.sln -c Debug -nologo -clp:ErrorsOnly -v:q

echo "==> Testing"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
set +e
# One test assembly at a time: each starts its own servers, and the machine has two cores.
dotnet test CustomerPlatform.sln -c Debug --no-build -nologo -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for every assembly together, in the plain form CI reads.
awk '/(Passed|Failed)! +- +Failed:/ {
       for (i = 1; i <= NF; i++) { gsub(",", "", $i);
         if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
