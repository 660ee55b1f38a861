#!/usr/bin/env bash
# Prints the resident memory of everything the running AppHost started, summed per part: each server
# and service with its descendants (PostgreSQL's backends, Erlang's helpers), the `dotnet run` that DCP
# starts each project under, DCP itself (API server, controllers and one `monitor-process` per child),
# the Aspire dashboard, and the AppHost. RSS counts shared pages (the DCP binary, the .NET runtime) in
# every process that maps them; PSS divides them among those processes, so PSS adds up to what the
# machine really spends. Run it while ./run.sh is up, after a minute of idling.
set -euo pipefail
apphost="$(pgrep -f '^dotnet .*CustomerPlatform.AppHost.dll' | head -1 || true)"
[ -n "$apphost" ] || { echo "No running AppHost found." >&2; exit 1; }

ps -e -o pid=,ppid=,rss=,args= | while read -r pid ppid rss args; do
  pss="$(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || true)"
  echo "$pid $ppid $rss ${pss:-0} $args"
done | awk -v apphost="$apphost" '
  { pid = $1; parent[pid] = $2; rss[pid] = $3; pss[pid] = $4; $1 = $2 = $3 = $4 = ""; cmd[pid] = substr($0, 5) }
  function label(p,   c) {
    c = cmd[p]
    if (c ~ /CustomerPlatform\.AppHost\.dll/) return "apphost"
    if (c ~ /dcp (start-apiserver|run-controllers|monitor-process)/) return "dcp (api server, controllers, process monitors)"
    if (c ~ /Aspire\.Dashboard/) return "aspire dashboard"
    if (c ~ /^dotnet run --project/) return "dotnet run (one per project)"
    if (c ~ /\/postgres -D/) return "postgres"
    if (c ~ /rabbitmq-server|beam\.smp/) return "rabbitmq"
    if (c ~ /epmd/) return "rabbitmq epmd"
    if (c ~ /maildev/) return "maildev"
    if (match(c, /CustomerPlatform\.[A-Za-z]+$/)) return substr(c, RSTART + 17)
    return ""
  }
  END {
    for (p in rss) {
      # the nearest labelled process at or above p, within the AppHost or its DCP
      q = p; l = ""
      while (q != "" && q != 0 && q != 1) { l = label(q); if (l != "") break; q = parent[q] }
      if (l == "") continue
      r = q; while (r != "" && r != 0 && r != 1 && r != apphost && cmd[r] !~ /dcp start-apiserver --monitor/) r = parent[r]
      if (r == apphost || (cmd[r] ~ ("--monitor " apphost " "))) { sum[l] += rss[p]; total += rss[p]; psum[l] += pss[p]; ptotal += pss[p] }
    }
    printf "0|%-48s %9s %9s\n", "part", "RSS (MB)", "PSS (MB)"
    for (l in sum) printf "1|%-48s %9d %9d\n", l, sum[l] / 1024, psum[l] / 1024
    printf "2|%-48s %9d %9d\n", "total", total / 1024, ptotal / 1024
  }' | sort | cut -d'|' -f2-
