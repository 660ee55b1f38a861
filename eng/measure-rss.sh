#!/usr/bin/env bash
# Prints the resident memory of every process the running AppHost started, summed with all its
# descendants (PostgreSQL's backends and Erlang's helpers start sessions of their own, so process
# groups would miss them), and of the AppHost itself.
# Run it while ./run.sh is up, after the platform has been idle for a minute.
set -euo pipefail
run_dir="$(cd "$(dirname "$0")/.." && pwd)/.apphost/run"
[ -d "$run_dir" ] || { echo "No running AppHost found ($run_dir is missing)." >&2; exit 1; }

table="$(ps -e -o pid=,ppid=,rss=)"
tree_kb() {
  awk -v root="$1" '
    { parent[$1] = $2; rss[$1] = $3 }
    END {
      for (p in rss) { q = p; while (q != "" && q != 0 && q != root) q = parent[q]; if (q == root) s += rss[p] }
      print s + 0
    }' <<<"$table"
}

printf '%-22s %8s\n' "process" "RSS (MB)"
for pid_file in "$run_dir"/*.pid; do
  printf '%-22s %8d\n' "$(basename "$pid_file" .pid)" $(($(tree_kb "$(cut -d' ' -f1 "$pid_file")") / 1024))
done
for pid in $(pgrep -f 'CustomerPlatform.AppHost.dll' || true); do
  printf '%-22s %8d\n' "apphost" $(($(ps -o rss= -p "$pid") / 1024))
done
