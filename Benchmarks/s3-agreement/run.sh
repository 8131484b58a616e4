#!/usr/bin/env bash
# S3 agreement benchmark: how well s3check's S3 conclusion agrees with informed readers on real
# Swedish ERDF project texts (../shared/s3-dev/, read in place, never copied here).
#
#   bash Benchmarks/s3-agreement/run.sh [DATA_DIR]
#
# S3CHECK=PATH uses that binary instead of building a release one (CI uses its debug build);
# EVALUATE=PATH scores another data set of the same format with the development set's evaluate.py.
# Each project becomes an application with title = its name and summary = its description and
# nothing else that hints at an area (make_applications.py). `s3check s3 --format json` scores
# them; predictions.py takes s3check's own conclusion (the supported area, or none) as `top`;
# the data set's evaluate.py prints its figures. `s3check calibrate` then measures the same
# conclusions with the tool's own command, whose macro-F1 must equal evaluate.py's on all projects.
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${1:-../shared/s3-dev}
here=Benchmarks/s3-agreement
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${S3CHECK:-}" ]; then
  bin=$S3CHECK
else
  swift build -c release --product s3check >/dev/null
  bin=$(swift build -c release --show-bin-path)/s3check
fi

python3 "$here/make_applications.py" "$data/projects.jsonl" "$work/applications"
"$bin" s3 --format json "$work/applications" > "$work/s3.json"
python3 "$here/predictions.py" "$work/s3.json" > "$work/predictions.jsonl"
python3 "${EVALUATE:-$data/evaluate.py}" "$work/predictions.jsonl" --labels "$data/labels.jsonl" --projects "$data/projects.jsonl" \
  | tee "$work/evaluate.txt"

python3 "$here/labels_csv.py" "$data/labels.jsonl" > "$work/labels.csv"
echo
echo "== s3check calibrate (all projects) =="
"$bin" calibrate "$work/applications" --labels "$work/labels.csv" --lang en | sed -n '1,/^Confusion/p'

expected=$(sed -n 's/.*macro-f1=\([0-9.]*\).*/\1/p' "$work/evaluate.txt")
actual=$("$bin" calibrate "$work/applications" --labels "$work/labels.csv" --lang en \
  | sed -n 's/^Macro-F1 ([0-9]* classes): \([0-9.]*\)$/\1/p')
if [ "$expected" != "$actual" ]; then
  echo "s3-agreement: calibrate's macro-F1 $actual differs from evaluate.py's $expected" >&2
  exit 1
fi
