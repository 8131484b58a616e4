#!/usr/bin/env bash
# The service's checks with real outside tools, against the real binary on a free loopback port:
# schemathesis against the OpenAPI document it serves, the upload page in headless Chromium
# (Selenium) with axe (WCAG 2.1 A/AA), and the Nu checker on the page. Needs chromium,
# chromium-driver and the pip packages .ci/run installs. Usage: Tests/Service/run.sh [BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-.build/debug/s3check-serve}
out=$(mktemp -d)
"$bin" --port 0 > "$out/stdout" 2> "$out/service.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 1 100); do
  grep -q 'listening on' "$out/stdout" 2>/dev/null && break
  sleep 0.1
done
base=$(sed -n 's/^s3check: listening on \(http:[^ ]*\)\/$/\1/p' "$out/stdout")
[ -n "$base" ] || { echo "service: did not start"; cat "$out/service.log"; exit 1; }
echo "service: $base"
failed=0

# --- the OpenAPI document is valid, and every generated request gets a conforming answer -----
# From the temporary folder, where it leaves its example database.
if ! (cd "$out" && schemathesis run "$base/openapi.yaml" --url "$base" --checks all --max-examples 40 \
  --seed 1 --no-color > "$out/schemathesis.txt" 2>&1); then
  cat "$out/schemathesis.txt"
  failed=$((failed + 1))
fi
grep -E '^(Test cases:|  [0-9]+ generated)|No issues found|failures in' "$out/schemathesis.txt" | sed 's/^/schemathesis: /'

# --- the upload page in Chromium, with axe ---------------------------------------------------
python3 Tests/Service/page_test.py "$base" Examples/not-eligible-cofinancing.sv.xml || failed=$((failed + 1))

# --- the Nu checker on the page as served: form, result, and an error tied to its field -------
curl -fsS -H 'Accept-Language: sv' "$base/" > "$out/form.sv.html"
curl -fsS "$base/?lang=en" > "$out/form.en.html"
curl -fsS -F "file=@Examples/not-eligible-cofinancing.sv.xml" -F lang=sv "$base/?lang=sv" > "$out/result.sv.html"
curl -sS -F 'file=@/dev/null;filename=' "$base/?lang=en" > "$out/error.en.html"
grep -q 'aria-invalid="true"' "$out/error.en.html" || { echo "service: no error tied to the file field"; failed=$((failed + 1)); }
"${S3CHECK_SHARED:-../shared}"/tools/check-html --Werror "$out"/form.sv.html "$out"/form.en.html "$out"/result.sv.html "$out"/error.en.html \
  || failed=$((failed + 1))

# --- SIGTERM ends it cleanly ------------------------------------------------------------------
kill -TERM "$pid"
if wait "$pid"; then echo "service: stopped cleanly on SIGTERM"; else echo "service: exit $? on SIGTERM"; failed=$((failed + 1)); fi
trap 'rm -rf "$out"' EXIT
echo "service checks: $failed failed"
[ "$failed" -eq 0 ]
