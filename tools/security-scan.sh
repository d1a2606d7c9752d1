#!/usr/bin/env bash
# Injection probe with sqlmap (Debian package "sqlmap") against a local instance: starts the app on a throwaway SQLite
# database with the demo seeded, takes bearer tokens, and points sqlmap at every query parameter of the API reads and at
# the sign-in form (with its antiforgery token). Bounded: each target gets at most $TARGET_SECONDS (default 120 s).
# Prints the count of injectable parameters; exit 0 when none, 1 otherwise. Not run by CI (minutes long);
# run it before a release and record the result in docs/security.md.
#   tools/security-scan.sh            # level 2 / risk 1, 120 s per target
#   LEVEL=3 TARGET_SECONDS=300 tools/security-scan.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v sqlmap >/dev/null || { echo "sqlmap not found: apt-get install -y sqlmap" >&2; exit 2; }
level="${LEVEL:-2}"
per_target="${TARGET_SECONDS:-120}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
base="http://127.0.0.1:$port"
password="Scan#Pass2026pw"
app_pid=""
# SCAN_LOG_DIR=dir keeps sqlmap's logs there.
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true; [ -n "${SCAN_LOG_DIR:-}" ] && mkdir -p "$SCAN_LOG_DIR" && cp "$work"/*.log "$SCAN_LOG_DIR"/ 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet build -c Release "$root/src/Workforce.Web" -v q -nologo >/dev/null
(cd "$root/src/Workforce.Web" && ASPNETCORE_ENVIRONMENT=Testing exec dotnet bin/Release/net10.0/Workforce.Web.dll --urls "$base" \
  --Database:Provider Sqlite --ConnectionStrings:Workforce "Data Source=$work/scan.db" --Demo:WorkerCount 200 --Demo:Password "$password" \
  --Jobs:Enabled false >"$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "$base/health" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "$base/health" >/dev/null || { echo "the app did not start; see its log:" >&2; tail -20 "$work/app.log" >&2; exit 2; }

token() { curl -fs -H 'Content-Type: application/json' -d "{\"userName\":\"$1\",\"password\":\"$password\"}" "$base/api/v1/auth/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'; }
admin="$(token admin)"
payroll="$(token payroll)"
month="$(date +%Y-%m)"

# target|token|extra sqlmap options
targets=(
  "$base/api/v1/workers?q=abc&orgUnitId=1&grade=3&page=1&pageSize=20|$admin"
  "$base/api/v1/workers/lookup?q=abc&take=10|$admin"
  "$base/api/v1/org-units?parentId=1|$admin"
  "$base/api/v1/audit?entityType=Worker&entityId=1&userName=admin&action=Updated&page=1|$admin"
  "$base/api/v1/certificates?q=abc&orgUnitId=1&page=1|$admin"
  "$base/api/v1/reserve-pool/compliance?orgUnitId=1|$admin"
  "$base/api/v1/pay-facts/assessments?year=2025&q=abc|$payroll"
  "$base/api/v1/pay-facts/deductions?month=$month&q=abc|$payroll"
  "$base/api/v1/payroll/periods/$month/payslips?workerId=1&orgUnitId=1&page=1|$payroll"
)
total=0
for entry in "${targets[@]}"; do
  url="${entry%%|*}"; bearer="${entry#*|}"
  out="$work/out-$(echo "$url" | md5sum | cut -c1-8)"
  timeout "$per_target" sqlmap -u "$url" -H "Authorization: Bearer $bearer" --batch --level "$level" --risk 1 --dbms SQLite \
    --time-sec 2 --timeout 10 --retries 1 --output-dir "$out" --disable-coloring >"$out.log" 2>&1 || true
  found=$(grep -cE "^Parameter: " "$out.log" || true)
  echo "$found injectable parameter(s): ${url#$base}"
  total=$((total + found))
done

# The sign-in form, with the antiforgery token sqlmap fetches from the page for each request.
out="$work/out-login"
timeout "$per_target" sqlmap -u "$base/Account/Login" --data "UserName=admin&Password=x&__RequestVerificationToken=t" \
  --csrf-token "__RequestVerificationToken" --csrf-url "$base/Account/Login" --batch --level "$level" --risk 1 --dbms SQLite \
  --time-sec 2 --timeout 10 --retries 1 --output-dir "$out" --disable-coloring >"$out.log" 2>&1 || true
found=$(grep -cE "^Parameter: " "$out.log" || true)
echo "$found injectable parameter(s): POST /Account/Login"
total=$((total + found))

echo "injectable parameters: $total (sqlmap $(sqlmap --version 2>/dev/null | head -1), level $level, risk 1, ${per_target} s per target)"
[ "$total" -eq 0 ]
