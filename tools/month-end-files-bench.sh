#!/usr/bin/env bash
# Times the month-end files on a seeded district (Release build, SQLite, one app process):
#   the batch PDF of every payslip of the go-live month (whole district, one streamed file),
#   the income-tax withholding declaration (xlsx) of that month.
#   the annual grade advancement (R1) recorded for each year since the first rated one (on a database seeded before
#   the advancements were recorded, the first pass does the work; a second pass of the last year adds nothing).
# Prints time, file size and the app's peak resident memory (VmHWM) after each.
#
#   tools/month-end-files-bench.sh [workers=1500]
set -euo pipefail
cd "$(dirname "$0")/.."
workers=${1:-1500}
dir=/tmp/wf-files-$workers
port=5173
base="http://127.0.0.1:$port"
db="$dir/workforce.db"
mkdir -p "$dir"
password='Bench#Files2026'
settings=(--ConnectionStrings:Workforce "Data Source=$db" --PersonalData:KeyFile "$dir/keys" --Demo:Password "$password")
dotnet build -c Release src/Workforce.Web -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
[ -f "$db" ] || dotnet run -c Release --no-build --project tools/Workforce.Cli -- seed --workers "$workers" "${settings[@]}" >/dev/null
(cd src/Workforce.Web && exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" --environment Production "${settings[@]}" --Jobs:Enabled false >"$dir/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do curl -sf "$base/health" >/dev/null 2>&1 && break; sleep 0.5; done
token=$(curl -sf -H 'Content-Type: application/json' -d "{\"userName\":\"payroll\",\"password\":\"$password\"}" "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
auth=(-H "Authorization: Bearer $token")
month=$(curl -sf "${auth[@]}" "$base/api/v1/payroll/order" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')
if [ "$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")" = "0" ]; then
  run=$(curl -sf -X POST "${auth[@]}" "$base/api/v1/payroll/periods/$month/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["runId"])')
  until curl -sf "${auth[@]}" "$base/api/v1/payroll/runs/$run" | grep -q '"status":"Succeeded"'; do sleep 0.5; done
fi
payslips=$(sqlite3 "$db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month'")
hwm() { awk '/VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/$(pgrep -f "Workforce.Web.dll --urls $base" | head -1)/status"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $payslips payslips in $month; app peak RSS before the files: $(hwm)"
t0=$(date +%s%N)
curl -sf "${auth[@]}" -o "$dir/payslips.pdf" "$base/api/v1/payroll/periods/$month/payslips.pdf"
t1=$(date +%s%N)
echo "batch PDF: $(( (t1 - t0) / 1000000 )) ms, $(stat -c %s "$dir/payslips.pdf") bytes, $(pdfinfo "$dir/payslips.pdf" | awk '/Pages/ { print $2 }') pages; app peak RSS $(hwm)"
t0=$(date +%s%N)
curl -sf "${auth[@]}" -o "$dir/tax.xlsx" "$base/api/v1/payroll/periods/$month/tax-declaration"
t1=$(date +%s%N)
echo "tax declaration: $(( (t1 - t0) / 1000000 )) ms, $(stat -c %s "$dir/tax.xlsx") bytes; app peak RSS $(hwm)"
hr=$(curl -sf -H 'Content-Type: application/json' -d "{\"userName\":\"hr\",\"password\":\"$password\"}" "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')
for year in 2024 2025 "${month%%-*}" "${month%%-*}"; do
  t0=$(date +%s%N)
  result=$(curl -sf -H "Authorization: Bearer $hr" -H 'Content-Type: application/json' -d "{\"year\":$year}" "$base/api/v1/workers/grade-advancement")
  t1=$(date +%s%N)
  echo "advancement $year: $(( (t1 - t0) / 1000000 )) ms, $result; app peak RSS $(hwm)"
done
