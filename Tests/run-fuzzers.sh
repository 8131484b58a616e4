#!/usr/bin/env bash
# Builds the two libFuzzer targets with the address sanitizer and runs each for a while.
#   bash Tests/run-fuzzers.sh [SECONDS-PER-TARGET]     (default 900)
# Corpora grow in .build-fuzz/corpus-*; crashes land in .build-fuzz/crashes-*. Turn each crash
# into a regression test (Tests/S3CheckCoreTests/HostileInputTests.swift) before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-900}
scratch=.build-fuzz
flags=(-Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld)
for product in s3check-fuzz-application s3check-fuzz-rulepack; do
  swift build -c release --scratch-path "$scratch" --product "$product" "${flags[@]}"
done
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

mkdir -p "$scratch"/corpus-application "$scratch"/corpus-rulepack "$scratch"/crashes-application "$scratch"/crashes-rulepack
cp Examples/*.xml Rules/tests/*.xml "$scratch"/corpus-application/
find Rules -name '*.xml' -path '*stockholm*' ! -path '*/tests/*' -exec cp {} "$scratch"/corpus-rulepack/ \;

status=0
run() {
  local name=$1
  # One target's findings must not keep the other from running.
  LSAN_OPTIONS=suppressions=$PWD/Tests/lsan-suppressions.txt "$bin/s3check-fuzz-$name" "$scratch/corpus-$name" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
    -artifact_prefix="$scratch/crashes-$name/" -print_final_stats=1 > "$scratch/$name.log" 2>&1 || status=1
  grep -E "^stat::|ERROR|SUMMARY" "$scratch/$name.log" || true
}
targets=${TARGETS:-application rulepack}
for target in $targets; do
  run "$target"
done
echo "crash files: $(find "$scratch"/crashes-* -type f | wc -l)"
exit $status
