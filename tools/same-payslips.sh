#!/usr/bin/env bash
# Checks that this build computes the same payslips, to the fen and byte for byte in their lines, as an earlier commit on the
# demo district: the go-live month (December, with opening balances) from one seeded database, and a November with January to
# October locked and 2 % of the workers' facts changed in locked months (made by this build's bench-year), each recomputed by
# both builds with bench-payroll. Exit 0 when both months are identical.
#
#   tools/same-payslips.sh <earlier-commit> [workers=1500]
set -euo pipefail
cd "$(dirname "$0")/.."
commit=${1:?usage: tools/same-payslips.sh <earlier-commit> [workers]}
workers=${2:-1500}
dir=/tmp/wf-same-payslips
old=/tmp/wf-same-payslips-build
rm -rf "$dir" && mkdir -p "$dir"
git worktree remove --force "$old" 2>/dev/null || rm -rf "$old"
git worktree add -f "$old" "$commit" >/dev/null
trap 'git worktree remove --force "$old" >/dev/null 2>&1 || true' EXIT
dotnet build -c Release "$old/tools/Workforce.Cli" -v q -nologo >/dev/null
dotnet build -c Release tools/Workforce.Cli -v q -nologo >/dev/null
cli() { local root=$1; shift; (cd "$root" && dotnet run -c Release --no-build --project tools/Workforce.Cli -- "$@" --PersonalData:KeyFile "$dir/keys"); }
cli . seed --workers "$workers" --ConnectionStrings:Workforce "Data Source=$dir/base.db" >/dev/null
sqlite3 "$dir/base.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
cp "$dir/base.db" "$dir/year.db"
cli . bench-year 2 --ConnectionStrings:Workforce "Data Source=$dir/year.db" | grep -E '^(Changed|November)'
sqlite3 "$dir/year.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
# Runs one month with a build, stopping once its own run is reported (the comparisons bench-payroll makes after it are not needed).
run() {
  local root=$1 db=$2 month=$3
  (cli "$root" bench-payroll "$month" --ConnectionStrings:Workforce "Data Source=$db" >"$db.log" 2>&1 &)
  for _ in $(seq 1 300); do grep -qE 'Our run|Run [A-Z]|refused|Exception' "$db.log" && break; sleep 1; done
  pkill -f "bench-payroll $month --ConnectionStrings:Workforce Data Source=$db" || true
  sleep 2
  grep -E 'Our run' "$db.log" || { cat "$db.log"; exit 1; }
}
status=0
for pair in "base.db 2026-12" "year.db 2026-11"; do
  read -r source month <<<"$pair"
  for build in old new; do
    cp "$dir/$source" "$dir/$build-$month.db"
    run "$([ $build = old ] && echo "$old" || echo .)" "$dir/$build-$month.db" "$month"
    sqlite3 "$dir/$build-$month.db" "SELECT WorkerId, Month, GrossFen, DeductionsFen, TaxFen, NetFen, EmployerFen, FactsHash, hex(LinesData)
      FROM Payslips WHERE Month = '$month' ORDER BY WorkerId" >"$dir/$build-$month.txt"
  done
  if cmp -s "$dir/old-$month.txt" "$dir/new-$month.txt"; then
    echo "$month: $(wc -l <"$dir/new-$month.txt") payslips identical ($(sqlite3 "$dir/new-$month.db" "SELECT COUNT(*) FROM Payslips WHERE Month = '$month' AND HasRetro") with retroactive lines)"
  else
    echo "$month: DIFFERENT"; status=1
  fi
done
exit $status
