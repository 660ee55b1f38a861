#!/usr/bin/env bash
# Installs what is missing, builds, and starts the whole platform through the AppHost.
# Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source eng/prerequisites.sh

configuration="${CONFIGURATION:-Debug}"
echo "==> Building ($configuration)"
dotnet build CustomerPlatform.sln -c "$configuration" -nologo -clp:ErrorsOnly -v:q

echo "==> Starting the AppHost"
exec dotnet "AppHost/bin/$configuration/net10.0/CustomerPlatform.AppHost.dll" "$@"
