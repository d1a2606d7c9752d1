#!/usr/bin/env bash
# Times the 工作台 at district scale (Release build, SQLite, one app process), signed in as the admin (every chart):
#   the first dashboard request of the day (the figures computed), the next ones (the kept figures), and the dashboard under
#   load with wrk (16 connections, 10 s) — then the same for the person picker's look-up and the top-bar search.
# Prints milliseconds, requests per second and latency percentiles, with the load average.
#
#   tools/dashboard-bench.sh [workers=1500]   (reuses /tmp/wf-files-<workers> when tools/month-end-files-bench.sh seeded it)
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-1500}
dir=/tmp/wf-files-$workers
port=5174
base="http://127.0.0.1:$port"
db="$dir/workforce.db"
mkdir -p "$dir"
password='Bench#Files2026'
settings=(--ConnectionStrings:Workforce "Data Source=$db" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password")
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 1; }
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
[ -f "$db" ] || dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" "${settings[@]}" >/dev/null
(cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" --environment Production "${settings[@]}" --Jobs:Enabled false >"$dir/dashboard-app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
jar="$dir/cookies.txt"
rm -f "$jar"
token=$(curl -sf -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "UserName=admin" --data-urlencode "Password=$password" "$base/Account/Login"
cookie=$(awk '!/^#/ && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar")
ms() { curl -sf -b "$jar" -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.0f", $1 * 1000 }'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(sqlite3 "$db" 'SELECT COUNT(*) FROM Workers') workers"
echo "dashboard, first request (figures computed): $(ms "$base/") ms"
echo "dashboard, next requests (figures kept): $(ms "$base/") ms, $(ms "$base/") ms, $(ms "$base/") ms"
for url in "$base/" "$base/Workers/Lookup?q=%E7%8E%8B" "$base/Search?q=%E7%A4%BE%E5%8C%BA"; do
  echo "wrk -t2 -c16 -d10s $url"
  wrk -t2 -c16 -d10s --latency -H "Cookie: $cookie" "$url" | grep -E 'Requests/sec|50%|99%|Non-2xx'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
