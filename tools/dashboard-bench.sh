#!/usr/bin/env bash
# Times the 工作台 at district scale (Release build, SQLite, one app process), signed in as the admin (every chart):
#   the first dashboard request of the day (the figures computed), the next ones (the kept figures), and the dashboard under
#   load with wrk (16 connections, 10 s) — then the same for the person picker's look-up and the top-bar search.
# Prints milliseconds, requests per second and latency percentiles, with the load average.
#
#   tools/dashboard-bench.sh [workers=1500]   (seeds /tmp/wf-dash-<workers> once, with the CLI; the seeding time is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-1500}
dir=/tmp/wf-dash-$workers
port=5174
base="http://127.0.0.1:$port"
db="$dir/workforce.db"
mkdir -p "$dir"
password='Bench#Files2026'
settings=(--ConnectionStrings:Workforce "Data Source=$db" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password")
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 1; }
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
if [ ! -f "$db" ]; then
  t0=$(date +%s)
  dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" "${settings[@]}" >/dev/null
  echo "seeded $workers workers in $(( $(date +%s) - t0 )) s"
fi
(cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" --environment Production "${settings[@]}" --Jobs:Enabled false >"$dir/dashboard-app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
jar="$dir/cookies.txt"
rm -f "$jar"
token=$(curl -sf -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "UserName=admin" --data-urlencode "Password=$password" "$base/Account/Login"
# curl writes HttpOnly cookies (the sign-in cookie) as '#HttpOnly_<host>' lines.
cookie=$(awk '($1 ~ /^#HttpOnly_/ || $1 !~ /^#/) && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar")
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/Workers/Lookup?q=x")" = "200" ] || { echo "the cookie does not sign in"; exit 1; }
ms() { curl -sf -b "$jar" -o /dev/null -w '%{time_total}' "$1" | awk '{ printf "%.0f", $1 * 1000 }'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(sqlite3 "$db" 'SELECT COUNT(*) FROM Workers') workers"
echo "dashboard, first request (figures computed): $(ms "$base/") ms"
echo "dashboard, next requests (figures kept): $(ms "$base/") ms, $(ms "$base/") ms, $(ms "$base/") ms"
echo "worker list, page 1: $(ms "$base/Workers") ms; search by part of a name: $(ms "$base/Workers?Q=%E7%8E%8B") ms; by a 4-digit ID/phone tail: $(ms "$base/Workers?Q=1234") ms"
echo "picker look-up by a 4-digit tail: $(ms "$base/Workers/Lookup?q=1234") ms"
for url in "$base/" "$base/Workers/Lookup?q=%E7%8E%8B" "$base/Search?q=%E7%A4%BE%E5%8C%BA"; do
  echo "wrk -t2 -c16 -d10s $url"
  wrk -t2 -c16 -d10s --latency -H "Cookie: $cookie" "$url" | grep -E 'Requests/sec|50%|99%|Non-2xx'

done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
