#!/usr/bin/env bash
# Goal 7 of the performance issue: one month of <districts> districts × <workers> workers on PostgreSQL, computed by the
# scheduled job (one DistrictPayrollJob per district through the clustered Quartz store) on one app node, then on two. Each
# measurement starts from a fresh copy of the seeded database (CREATE DATABASE … TEMPLATE). Prints the seeding time once, then
# per measurement the wall time from the first district's run starting to the last one finishing, and the runs of each node.
#
#   tools/bench-cluster.sh [districts=10] [workers=10000] [runs-per-node=1]
set -euo pipefail
cd "$(dirname "$0")/.."
districts=${1:-10}
workers=${2:-10000}
per_node=${3:-1}
dir=/tmp/wf-cluster-$districts-$workers
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=55441
password='Bench#Files2026'
mkdir -p "$dir"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ ! -f "$dir/pg/PG_VERSION" ]; then
  mkdir -p "$dir/pg" && { [ "$(id -u)" != 0 ] || chown postgres:postgres "$dir/pg"; }
  as_pg "$pgbin/initdb" -D "$dir/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi
as_pg "$pgbin/pg_ctl" -D "$dir/pg" -w -l "$dir/pg/server.log" -o "-p $port -k $dir/pg -c listen_addresses=127.0.0.1 -c shared_buffers=1GB" start >/dev/null
nodes=()
cleanup() { for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done; as_pg "$pgbin/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null || true; }
trap cleanup EXIT
sql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d "$1" -tAq -c "$2"; }
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
cs() { echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$1"; }
if [ "$(sql postgres "SELECT 1 FROM pg_database WHERE datname = 'wfseed'")" != 1 ]; then
  sql postgres "CREATE DATABASE wfseed"
  start=$(date +%s.%N)
  dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" --Database:Provider PostgreSql \
    --ConnectionStrings:Workforce "$(cs wfseed)" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password" \
    --Demo:ExtraDistricts $((districts - 1)) --Demo:ExtraDistrictWorkers "$workers" >"$dir/seed.log" 2>&1
  echo "seeded $districts districts × $workers workers in $(echo "$(date +%s.%N) - $start" | bc) s" | tee "$dir/seed-time.txt"
else
  cat "$dir/seed-time.txt" 2>/dev/null || true
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(sql postgres 'SHOW server_version'); $districts districts × $workers workers; $per_node run(s) per node at a time"

measure() {
  local count=$1
  sql postgres "DROP DATABASE IF EXISTS wfrun" && sql postgres "CREATE DATABASE wfrun TEMPLATE wfseed"
  # The schedule fires once, 40 s from now (Asia/Shanghai), when every node is up.
  local at
  at=$(TZ=Asia/Shanghai date -d '+40 seconds' '+%-S %-M %-H')
  nodes=()
  for n in $(seq 1 "$count"); do
    (cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "http://127.0.0.1:$((5260 + n))" --environment Production \
      --Database:Provider PostgreSql --ConnectionStrings:Workforce "$(cs wfrun)" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password" \
      --Jobs:PayrollCron "$at * * ?" --Jobs:FollowUpCron "0 0 3 1 1 ? 2099" --Jobs:ClusterCheckinSeconds 5 --Jobs:IdleWaitSeconds 1 \
      --Jobs:PayrollRunsPerNode "$per_node" >"$dir/node-$count-$n.log" 2>&1) &
    nodes+=($!)
    for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$((5260 + n))/health" >/dev/null 2>&1 && break; sleep 0.5; done
  done
  until [ "$(sql wfrun "SELECT COUNT(*) FROM \"PayrollRuns\" WHERE \"Status\" <> 1")" -ge "$districts" ]; do sleep 1; done
  echo "$count node(s): $(sql wfrun "SELECT ROUND(EXTRACT(EPOCH FROM MAX(\"FinishedAt\") - MIN(\"StartedAt\"))::numeric, 2) || ' s, ' || COUNT(*) || ' runs, ' || SUM(\"Processed\") || ' payslips' FROM \"PayrollRuns\"")"
  sql wfrun "SELECT '  ' || \"Instance\" || ': ' || COUNT(*) || ' districts, ' || SUM(\"Processed\") || ' payslips, status ' || string_agg(DISTINCT \"Status\"::text, ',') FROM \"PayrollRuns\" GROUP BY \"Instance\" ORDER BY 1"
  for p in "${nodes[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  nodes=()
}
measure 1
measure 2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
