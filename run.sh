#!/usr/bin/env bash
# Installs what is missing, builds, and starts the whole platform through the AppHost.
# Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
source eng/prerequisites.sh

configuration="${CONFIGURATION:-Debug}"
echo "==> Building ($configuration)"
dotnet build CustomerPlatform.sln -c "$configuration" -nologo -clp:ErrorsOnly -v:q

if [ "$configuration" = "Release" ]; then
  # The app as it ships: trimmed, fingerprinted, brotli- and gzip-compressed; the gateway serves it.
  echo "==> Publishing the app (Release)"
  dotnet publish gateway -c Release -o .apphost/gateway-publish -nologo -clp:ErrorsOnly -v:q
  export AppHost__AppRoot="$PWD/.apphost/gateway-publish"
fi

echo "==> Starting the AppHost"
exec dotnet "AppHost/bin/$configuration/net10.0/CustomerPlatform.AppHost.dll" "$@"
