#!/usr/bin/env bash
# Goal 5 of the performance issue: the pages at district scale under load. Release build, SQLite, one app process; the district
# is seeded once with the CLI (/tmp/wf-dash-<workers>, shared with tools/dashboard-bench.sh) and its go-live month computed once.
# Each URL gets `wrk -t2 -c<connections> -d<seconds>s` (default 64 connections, 20 s); prints requests/s, p50, p99 and errors.
#
#   tools/bench-web.sh [workers=100000] [connections=64] [seconds=20]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-100000}
connections=${2:-64}
seconds=${3:-20}
dir=/tmp/wf-dash-$workers
port=5175
base="http://127.0.0.1:$port"
db="$dir/workforce.db"
mkdir -p "$dir"
password='Bench#Files2026'
settings=(--ConnectionStrings:Workforce "Data Source=$db" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password")
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)"; exit 1; }
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
[ -f "$db" ] || dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" "${settings[@]}" >/dev/null
(cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" --environment Production "${settings[@]}" --Jobs:Enabled false >"$dir/web-app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
token() { curl -sf -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
hr=$(token hr); payroll=$(token payroll); trainee=$(token trainee)
month=$(sqlite3 "$db" "SELECT MAX(Month) FROM Payslips"); [ -n "$month" ] || month=$(curl -sf -H "Authorization: Bearer $payroll" "$base/api/v1/payroll/order" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
if [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")" = "0" ]; then
  run=$(curl -sf -X POST -H "Authorization: Bearer $payroll" "$base/api/v1/payroll/periods/$month/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
  until curl -sf -H "Authorization: Bearer $payroll" "$base/api/v1/payroll/runs/$run" | grep -q '"status":"Succeeded"'; do sleep 0.5; done
fi
jar="$dir/web-cookies.txt"
rm -f "$jar"
form=$(curl -sf -c "$jar" -b "$jar" "$base/Account/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$form" --data-urlencode "UserName=admin" --data-urlencode "Password=$password" "$base/Account/Login"
cookie=$(awk '($1 ~ /^#HttpOnly_/ || $1 !~ /^#/) && NF >= 7 { printf "%s=%s; ", $6, $7 }' "$jar")
curl -s -o /dev/null -H "Cookie: $cookie" "$base/"   # the dashboard's figures computed once, as after the first visit of the day
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(sqlite3 "$db" 'SELECT COUNT(*) FROM Workers') workers; month $month; wrk -t2 -c$connections -d${seconds}s"
bench() {
  local name=$1 header=$2 url=$3
  local out
  # One request first, as after the first visit: a kept answer (worker directory, register order, dashboard panels) is built then.
  curl -s -o /dev/null -H "$header" "$url"
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "$header" "$url")
  printf '%-34s %8s req/s  p50 %9s  p99 %9s  %s\n' "$name" "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" "$(awk '$1 == "99%" { print $2 }' <<<"$out")" "$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' ' | tr '\n' ' ')"
}
bench "API workers, page 1" "Authorization: Bearer $hr" "$base/api/v1/workers?Page=1"
bench "API workers, page 2,000" "Authorization: Bearer $hr" "$base/api/v1/workers?Page=2000"
bench "API workers, post + grade" "Authorization: Bearer $hr" "$base/api/v1/workers?Post=Head&Grade=5"
bench "API workers, name search" "Authorization: Bearer $hr" "$base/api/v1/workers?Q=%E7%8E%8B"
bench "/Workers" "Cookie: $cookie" "$base/Workers"
bench "dashboard (/)" "Cookie: $cookie" "$base/"
bench "register of $month" "Cookie: $cookie" "$base/Payroll/Register/$month"
bench "API my training (trainee)" "Authorization: Bearer $trainee" "$base/api/v1/me/training"
bench "API my payslips (trainee)" "Authorization: Bearer $trainee" "$base/api/v1/me/payslips"
bench "worker look-up (picker)" "Cookie: $cookie" "$base/Workers/Lookup?q=%E7%8E%8B"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
