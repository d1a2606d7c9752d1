#!/usr/bin/env bash
# Kills the app with SIGKILL during a payroll run at random moments and checks, after each restart, that the
# period is either untouched or fully computed (never partial, never duplicated), then that a new run completes.
#
#   tools/payroll-kill-test.sh [workers=20000] [kills=10] [month=this month in Asia/Shanghai, the seeded go-live month]
#
# The month (the seeded go-live month, with the demo's opening balances) is computed once first, which times a full run;
# the kills then hit reruns of it: each either commits whole or leaves the period as it was.
#
# Uses a scratch SQLite database in /tmp/wf-kill (seeded once with the CLI) and the Release build; the demo accounts get
# a password of their own, as a Production host refuses to start while one has the published demo password.
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-20000}
kills=${2:-10}
month=${3:-$(TZ=Asia/Shanghai date +%Y-%m)}
dir=/tmp/wf-kill
port=5171
base="http://127.0.0.1:$port"
db="$dir/workforce.db"
mkdir -p "$dir"
password='Kill#Test2026'
settings=(--ConnectionStrings:Workforce "Data Source=$db" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password")
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" "${settings[@]}"

start_app() {
  (cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" --environment Production \
    "${settings[@]}" --Jobs:Enabled false >>"$dir/app.log" 2>&1) &
  app=$!
  for _ in $(seq 1 1200); do
    if curl -sf "$base/health" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "app did not start"; exit 1
}

token() {
  curl -sf -H 'Content-Type: application/json' -d "{\"userName\":\"${1:-payroll}\",\"password\":\"$password\"}" "$base/api/v1/auth/token" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}

check() {
  local expected=$1 count distinct running total
  count=$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")
  distinct=$(sqlite3 "$db" "SELECT COUNT(DISTINCT WorkerId) FROM Payslips WHERE Month = '$month'")
  total=$(sqlite3 "$db" "SELECT COALESCE(MAX(Payslips), 0) FROM PayPeriods WHERE Month = '$month'")
  running=$(sqlite3 "$db" "SELECT COUNT(*) FROM PayrollRuns WHERE Status = 1")
  echo "  payslips $count (distinct workers $distinct), period total $total, runs still marked running $running"
  [ "$count" = "$distinct" ] || { echo "FAIL: duplicated payslips"; exit 1; }
  [ "$count" = "0" ] || [ "$count" = "$expected" ] || { echo "FAIL: partial period ($count of $expected)"; exit 1; }
  [ "$count" = "$total" ] || { echo "FAIL: period totals ($total) do not match the payslips ($count)"; exit 1; }
  [ "$running" = "0" ] || { echo "FAIL: a killed run is still marked running"; exit 1; }
}

start_app
expected=$(sqlite3 "$db" "SELECT COUNT(*) FROM Workers WHERE HireDate <= '$month-31' AND (LeaveDate IS NULL OR LeaveDate >= '$month-01')")
echo "$expected workers in service in $month"
# Time one complete run of the month (the seeded district goes live this month, with opening balances for the months
# before it) to choose the kill moments; the kills then hit reruns, each of which must commit whole or change nothing.
t=$(token)
if [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")" = "0" ]; then
  t0=$(date +%s%N)
  run=$(curl -sf -X POST -H "Authorization: Bearer $t" "$base/api/v1/payroll/periods/$month/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
  until curl -sf -H "Authorization: Bearer $t" "$base/api/v1/payroll/runs/$run" | grep -q '"status":"Succeeded"'; do sleep 0.1; done
  duration=$(( ($(date +%s%N) - t0) / 1000000 ))
else
  duration=3000
fi
echo "a full run takes ${duration} ms"
check "$expected"

for i in $(seq 1 "$kills"); do
  delay=$(( RANDOM % (duration * 3 + 500) ))
  t=$(token)
  curl -sf -X POST -H "Authorization: Bearer $t" "$base/api/v1/payroll/periods/$month/runs" >/dev/null
  sleep "$(printf '0.%03d' $((delay % 1000)))"; sleep $((delay / 1000))
  before=$(sqlite3 "$db" "SELECT COALESCE(RunId, '') FROM PayPeriods WHERE Month = '$month'")
  kill -9 "$app"; wait "$app" 2>/dev/null || true
  start_app
  # The killed run either committed (the period now holds its payslips) or changed nothing (interrupted).
  last=$(sqlite3 "$db" "SELECT Id || '|' || Status FROM PayrollRuns WHERE Month = '$month' ORDER BY StartedAt DESC LIMIT 1")
  now=$(sqlite3 "$db" "SELECT COALESCE(RunId, '') FROM PayPeriods WHERE Month = '$month'")
  case "${last#*|}" in
    2) [ "$now" = "${last%|*}" ] || { echo "FAIL: a succeeded run is not the period's"; exit 1; }; outcome="committed before the kill" ;;
    5) [ "$now" = "$before" ] || { echo "FAIL: an interrupted run changed the period"; exit 1; }; outcome="interrupted, period untouched" ;;
    *) echo "FAIL: the killed run ended as status ${last#*|}"; exit 1 ;;
  esac
  echo "kill $i after ${delay} ms: $outcome"
  check "$expected"
done

t=$(token)
run=$(curl -sf -X POST -H "Authorization: Bearer $t" "$base/api/v1/payroll/periods/$month/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
until curl -sf -H "Authorization: Bearer $t" "$base/api/v1/payroll/runs/$run" | grep -Eq '"status":"(Succeeded|Failed)"'; do sleep 0.1; done
curl -sf -H "Authorization: Bearer $t" "$base/api/v1/payroll/runs/$run" | grep -q '"status":"Succeeded"' || { echo "FAIL: the run after the kills did not succeed"; exit 1; }
check "$expected"
[ "$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")" = "$expected" ] || { echo "FAIL: the last run is incomplete"; exit 1; }
kill "$app"; wait "$app" 2>/dev/null || true
echo "PASS: $kills kills, the period was never partial or duplicated, and a new run completed"
