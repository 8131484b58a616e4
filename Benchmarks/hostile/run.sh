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

# Time must grow linearly with the number of findings (each finding's field path used to walk
# all its siblings: 16 000 findings took 13 s). One cost line per finding, each a year outside
# the programme period; the JSON report of 100 000 findings is written too.
echo
printf '%-10s %9s %9s %18s\n' findings seconds MB 'ms per 1000'
for count in 25000 50000 100000; do
  python3 - "$count" "$work/findings.xml" <<'PY'
import sys
count, path = int(sys.argv[1]), sys.argv[2]
base = open("Examples/eligible-life-science.sv.xml", encoding="utf-8").read()
lines = "".join(f'<costLine partner="P1" year="2035" category="travel" amount="{i % 97}"/>\n' for i in range(count))
open(path, "w", encoding="utf-8").write(base.replace("  </budget>", lines + "  </budget>"))
PY
  set +e
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" check --format json --output "$work/findings.json" "$work/findings.xml" \
    --max-size 67108864 2>/dev/null
  set -e
  read -r seconds kilobytes < <(tail -n 1 "$work/time")
  found=$(python3 -c "import json;print(len(json.load(open('$work/findings.json'))['applications'][0]['findings']))")
  awk -v n="$found" -v s="$seconds" -v k="$kilobytes" 'BEGIN { printf "%-10d %9.2f %9d %18.2f\n", n, s, k / 1024, s * 1000000 / n }'
done
