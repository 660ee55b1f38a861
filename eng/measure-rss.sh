#!/usr/bin/env bash
# Prints the resident memory of every process the running AppHost started (summed over each
# process group, so PostgreSQL's backends count with their server) and of the AppHost itself.
# Run it while ./run.sh is up, after the platform has been idle for a minute.
set -euo pipefail
run_dir="$(cd "$(dirname "$0")/.." && pwd)/.apphost/run"
[ -d "$run_dir" ] || { echo "No running AppHost found ($run_dir is missing)." >&2; exit 1; }

printf '%-22s %8s\n' "process" "RSS (MB)"
for pid_file in "$run_dir"/*.pid; do
  pid=$(cut -d' ' -f1 "$pid_file")
  kb=$(ps -o rss= -g "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
  printf '%-22s %8d\n' "$(basename "$pid_file" .pid)" $((kb / 1024))
done
for pid in $(pgrep -f 'CustomerPlatform.AppHost.dll' || true); do
  printf '%-22s %8d\n' "apphost" $(($(ps -o rss= -p "$pid") / 1024))
done
