#!/usr/bin/env bash
# Checks every generated hostile application with the release binary, one process each, and
# prints exit code, wall time and peak memory against the limits (1 s, 200 MB). Then checks them
# all in one batch with the good examples, which must all still get their verdicts.
#   bash Benchmarks/hostile/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v /usr/bin/time >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends time; }
swift build -c release --product s3check >/dev/null
bin=.build/release/s3check
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/hostile/generate.py "$work/in" >/dev/null
printf '%-32s %5s %9s %9s  %s\n' input exit seconds MB within-limits
over=0
for file in "$work"/in/*; do
  set +e
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" check --format json --output "$work/out.json" "$file" 2>/dev/null
  status=$?
  set -e
  read -r seconds kilobytes < <(tail -n 1 "$work/time")
  megabytes=$((kilobytes / 1024))
  verdict=$(python3 -c "import json;print(json.load(open('$work/out.json'))['applications'][0]['verdict'])")
  ok=$(awk -v s="$seconds" -v m="$megabytes" 'BEGIN { print (s <= 1.0 && m <= 200) ? "yes" : "NO" }')
  [ "$ok" = yes ] || over=$((over + 1))
  printf '%-32s %5s %9s %9s  %s (%s)\n' "$(basename "$file")" "$status" "$seconds" "$megabytes" "$ok" "$verdict"
done
cp Examples/*.xml "$work/in/"
set +e
"$bin" check --format json --output "$work/batch.json" "$work/in" >/dev/null 2>&1
status=$?
set -e
python3 - "$work/batch.json" "$status" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
print("batch of hostile and good files: exit", sys.argv[2], "summary", report["summary"])
PY
echo "over the limits: $over"
