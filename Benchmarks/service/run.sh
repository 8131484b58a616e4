#!/usr/bin/env bash
# Load benchmark of s3check serve on loopback with wrk, beside the command line's batch
# throughput on the same files and cores, and the issue's targets, each marked met or not met.
#   bash Benchmarks/service/run.sh [SECONDS]   (seconds per wrk run, default 10)
# RUNS sets the constant-rate runs at 80 % (default 5).
# BUILD=debug runs it on the debug build (CI: a smoke run, whose speed means nothing); the
# script fails only when a request fails or overload brings anything but 503s.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
build=${BUILD:-release}
jobs=$(nproc)
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends wrk; }
command -v /usr/bin/time >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends time; }
work=$(mktemp -d)
for product in s3check s3check-serve; do
  swift build -c "$build" --product "$product" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
done
bin=.build/$build
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# The examples (every verdict, Swedish and English), copied so that a batch takes a while.
copies=${COPIES:-60}
mkdir -p "$work/apps"
for i in $(seq "$copies"); do
  for example in Examples/*.xml; do cp "$example" "$work/apps/$i-$(basename "$example")"; done
done
ls Examples/*.xml > "$work/bodies"
count=$(ls "$work/apps" | wc -l)
echo "machine: $jobs cores, $(uname -m); $build build; $(ls Examples/*.xml | wc -l) examples, $count files in the batch"

# --- the command line's batch throughput, best of 3 ---------------------------------------------
best=""
for _ in 1 2 3; do
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$bin/s3check" check "$work/apps" --jobs "$jobs" --format json \
    --output /dev/null >/dev/null 2>&1 || true
  read -r took user system < <(tail -n 1 "$work/time")
  if [ -z "$best" ] || awk -v a="$best" -v b="$took" 'BEGIN { exit !(b < a) }'; then
    best=$took
    batch_cpu=$(awk -v u="$user" -v s="$system" -v n="$count" 'BEGIN { printf "%.2f", (u + s) * 1000 / n }')
  fi
done
batch=$(awk -v n="$count" -v s="$best" 'BEGIN { printf "%.1f", n / s }')
echo "batch: s3check check --jobs $jobs, $count files in $best s: $batch applications/s, $batch_cpu ms CPU each"

# --- the service -------------------------------------------------------------------------------
start_service() {
  "$bin/s3check-serve" --port 0 --workers "$jobs" --log-level warning "$@" > "$work/stdout" 2> "$work/log" &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'listening on' "$work/stdout" && break; sleep 0.1; done
  base=$(sed -n 's/^s3check: listening on \(http:[^ ]*\)\/$/\1/p' "$work/stdout")
}
stop_service() {
  peak=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
  kill -TERM "$pid"
  wait "$pid" || true
  pid=
}
# The service's CPU time so far, in clock ticks: wrk shares the cores, so the CPU each request
# costs the service is the fairer comparison with the batch.
ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }
# load CONNECTIONS [RATE]: one wrk run, as fast as the service answers, or at RATE requests/s
# with one thread per connection on a fixed schedule (latency from the due time); its summary
# lines into $result.
load() {
  before=$(ticks)
  local threads=2
  [ -n "${2:-}" ] && threads=$1
  result=$(BODIES="$work/bodies" RATE=${2:-0} THREADS=$threads wrk -t"$threads" -c"$1" -d"${seconds}s" \
    --timeout 10s -s Benchmarks/service/load.lua "$base/api/v1/check" 2>&1)
  rate=$(sed -n 's/^rate: //p' <<<"$result")
  p50=$(sed -n 's/^latency-ms: p50=\([0-9.]*\).*/\1/p' <<<"$result")
  p99=$(sed -n 's/^latency-ms: .*p99=\([0-9.]*\).*/\1/p' <<<"$result")
  statuses=$(sed -n 's/^statuses: //p' <<<"$result")
  errors=$(sed -n 's/^errors: //p' <<<"$result")
  served=$(grep -o '200=[0-9]*' <<<"$result" | cut -d= -f2)
  cpu=$(awk -v t="$(( $(ticks) - before ))" -v hz="$(getconf CLK_TCK)" -v n="$served" \
    'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }')
}
failed=0
clean() { # no socket error, no timeout, and only 200 (or 503 when allowed)
  local allow503=$1
  grep -q 'other=0' <<<"$statuses" && grep -q 'connect=0 read=0 write=0 timeout=0' <<<"$errors" \
    && { [ "$allow503" = yes ] || grep -q '503=0' <<<"$statuses"; }
}

start_service --queue 64
# The maximum rate: enough connections to keep every worker busy and the next request waiting.
load $((jobs * 4)) 0
max=$rate
echo "max rate: $rate requests/s, p50 $p50 ms, p99 $p99 ms, $cpu ms service CPU per check ($statuses; $errors)"
max_cpu=$cpu
clean no || { echo "service: failed requests at the maximum rate"; failed=$((failed + 1)); }
max_p99=$p99
# 80 % of it at a constant rate, RUNS times (default 5): 16 connections, each sending on a fixed
# schedule; p99 from the time each request was due (coordinated omission corrected).
runs=${RUNS:-5}
# The maximum again with the same client (16 threads, one connection each, as fast as answered):
# 16 load threads take more of the shared cores than 2 do, so 80 % of the first maximum would be
# nearer the whole of what is left.
load 16 0
constant_max=$rate
echo "max rate with 16 threads: $rate requests/s, p99 $p99 ms ($statuses; $errors)"
target=$(awk -v m="$constant_max" 'BEGIN { printf "%d", 0.8 * m }')
paced_p99s=()
worst_p99=0
for run in $(seq "$runs"); do
  load 16 "$target"
  paced_p99s+=("$p99")
  worst_p99=$(awk -v a="$worst_p99" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')
  paced_rate=$rate
  echo "80 % rate, run $run of $runs: $rate requests/s offered $target, p50 $p50 ms, p99 $p99 ms from the due time ($statuses; $errors)"
  clean no || { echo "service: failed requests at 80 % of the maximum rate"; failed=$((failed + 1)); }
done
stop_service
steady_peak=$peak

# 4 × overload: four times as many clients as the service admits (workers + queue).
queue=$jobs
start_service --queue "$queue" --queue-timeout 200
load $((4 * (jobs + queue))) 0
echo "4x overload: $rate requests/s answered, p99 $p99 ms ($statuses; $errors)"
clean yes || { echo "service: under overload, something other than 200 or 503"; failed=$((failed + 1)); }
stop_service
overload_peak=$peak
echo "peak memory: $steady_peak MB (max and 80 % runs), $overload_peak MB (overload)"

# --- the issue's targets ---------------------------------------------------------------------
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo "not met"; fi; }
ratio=$(awk -v a="$max" -v b="$batch" 'BEGIN { printf "%.2f", a / b }')
echo
echo "targets ($build build):"
echo "  throughput >= 0.8 x batch: $max / $batch = $ratio: $(verdict "$ratio >= 0.8")"
echo "    (CPU per application: service $max_cpu ms, batch $batch_cpu ms; wrk runs on the same cores)"
echo "  p99 <= 50 ms at 80 % of max rate, constant rate, every run: ${paced_p99s[*]} ms: $(verdict "$worst_p99 <= 50")"
echo "  memory < 200 MB: $(( steady_peak > overload_peak ? steady_peak : overload_peak )) MB: $(verdict "$steady_peak < 200 && $overload_peak < 200")"
echo "  zero errors, and only 503s under overload: $([ "$failed" -eq 0 ] && echo met || echo "not met")"
echo "  (the last 80 % run achieved $paced_rate requests/s = $(awk -v a="$paced_rate" -v m="$constant_max" 'BEGIN { printf "%.0f", 100 * a / m }') % of the maximum with the same client)"
[ "$failed" -eq 0 ]
