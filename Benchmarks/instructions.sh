#!/usr/bin/env bash
# Instructions per application, counted by callgrind: s3check against xmllint --schema on the
# same generated files, and s3check's cost per phase. Instruction counts do not drift with the
# load of a shared machine the way wall time does, so two builds can be compared run to run.
#
#   bash Benchmarks/instructions.sh [COUNT]     (default 100; BIN=path measures another binary)
#
# Method (docs/performance.md): a full check of COUNT + 1 files minus a check of 1 file, divided
# by COUNT, removes start-up and pack loading; the same for `xmllint --noout --schema`. The
# binary is copied and stripped of debug information first: valgrind 3.19 cannot read this
# toolchain's DWARF (its symbols stay, which the phase split needs).
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100}
for tool in valgrind xmllint callgrind_annotate; do
  command -v "$tool" >/dev/null || { echo "instructions: $tool is missing (apt-get install valgrind libxml2-utils)" >&2; exit 3; }
done
if [ -z "${BIN:-}" ]; then
  swift build -c release --product s3check >/dev/null
  BIN=.build/release/s3check
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$BIN" "$work/s3check"
strip --strip-debug "$work/s3check"
python3 Benchmarks/generate.py "$((count + 1))" "$work/all" >/dev/null
mkdir -p "$work/one"
first=$(find "$work/all" -name '*.xml' | sort | head -1)
cp "$first" "$work/one/"
xsd=Rules/schema/application-1.xsd

# instructions OUT COMMAND...: the program's total instruction count ("I refs").
instructions() {
  local out=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$out.log" || true
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$out.log" | tail -1
}
s3_all=$(instructions "$work/s3-all.cg" "$work/s3check" check --jobs 1 --format json --output /dev/null "$work/all")
s3_one=$(instructions "$work/s3-one.cg" "$work/s3check" check --jobs 1 --format json --output /dev/null "$work/one")
# xmllint takes the files as arguments; one process for all of them, as s3check is one.
mapfile -t files < <(find "$work/all" -name '*.xml' | sort)
xl_all=$(instructions "$work/xl-all.cg" xmllint --noout --schema "$xsd" "${files[@]}")
xl_one=$(instructions "$work/xl-one.cg" xmllint --noout --schema "$xsd" "$work/one"/*.xml)

per() { awk -v a="$1" -v b="$2" -v n="$count" 'BEGIN { printf "%.2f", (a - b) / n / 1e6 }'; }
s3=$(per "$s3_all" "$s3_one")
xl=$(per "$xl_all" "$xl_one")
kb=$(du -sk "$work/all" | cut -f1)
echo "files: $count (+1) generated applications, $((kb / (count + 1))) KB on average"
printf '%-34s %8s M instructions per application\n' "s3check check --jobs 1 (JSON)" "$s3"
printf '%-34s %8s M instructions per application\n' "xmllint --noout --schema" "$xl"
awk -v a="$s3" -v b="$xl" 'BEGIN { printf "efficiency ratio (xmllint / s3check): %.2f  (target >= 0.40, goal 0.60)\n", b / a }'
printf '%-34s %8.1f M instructions (start-up, packs, one file)\n' "s3check, one file" "$(awk -v a="$s3_one" 'BEGIN { print a / 1e6 }')"

# Phases: inclusive instructions of each phase's entry point over the whole run, per
# application (their sum is less than the total: bookkeeping, reading and hashing are left).
callgrind_annotate --inclusive=yes --threshold=100 "$work/s3-all.cg" 2>/dev/null \
  | sed 's/,//g' | swift demangle --simplified > "$work/annotated.txt" || true
phase() {
  local label=$1 pattern=$2
  local total
  # A recursive function's inner instances ("'2") count its cost twice; the outer one has all of it.
  total=$( (grep -E "$pattern" "$work/annotated.txt" | grep -v "'[0-9]" || true) | awk '{ if ($1 > max) max = $1 } END { print max + 0 }')
  printf '  %-28s %8.2f M\n' "$label" "$(awk -v t="$total" -v n="$((count + 1))" 'BEGIN { print t / n / 1e6 }')"
}
echo "per phase (inclusive, per application):"
phase "parse (libxml2)" 'XMLDocument\.parse'
phase "XSD validation" ':xmlSchemaValidateDoc'
phase "reading the application" 'ApplicationReader\.read|TypedValues\.normalise|FactsReader\.facts|Placeholders\.unfilled'
phase "rules" 'RuleEvaluation\.run'
phase "S3 scoring" 'AlignmentScorer\.score'
phase "report (JSON)" 'JSONReporter\.section'
phase "SHA-256" 'Digest\.sha256'
