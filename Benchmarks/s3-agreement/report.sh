#!/usr/bin/env bash
# S3 agreement reports for both languages (issue 25): the unfitted strategy, the strategy fitted
# by `calibrate --fit` under 5-fold cross-validation, per class and with the confusion matrix.
#
#   bash Benchmarks/s3-agreement/report.sh [OUTPUT_DIR]
#
# Data: the Swedish development set (../shared/s3-dev, read in place) and the English one
# (Benchmarks/s3-agreement/english). Each is made into applications by make_applications.py,
# which declares every application Swedish: the English texts are read as English because
# s3check tells the language from the text. S3CHECK=PATH uses that binary instead of a release
# build. Writes OUTPUT_DIR/{sv,en}-unfitted.txt, {sv,en}-cv.txt and the fitted strategies.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=Benchmarks/s3-agreement
out=${1:-$here/reports}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -n "${S3CHECK:-}" ]; then
  bin=$S3CHECK
else
  swift build -c release --product s3check >/dev/null
  bin=$(swift build -c release --show-bin-path)/s3check
fi

for set in sv:../shared/s3-dev en:$here/english; do
  name=${set%%:*}
  data=${set#*:}
  python3 "$here/make_applications.py" "$data/projects.jsonl" "$work/$name" 2>/dev/null
  python3 "$here/labels_csv.py" "$data/labels.jsonl" > "$work/$name.csv"
  "$bin" calibrate "$work/$name" --labels "$work/$name.csv" --lang en | sed -n '1,/^Disagreements/p' \
    > "$out/$name-unfitted.txt"
  "$bin" calibrate "$work/$name" --labels "$work/$name.csv" --lang en --fit "$work/$name-fit" \
    | sed "s|$work/||g" > "$out/$name-cv.txt"
  cp "$work/$name-fit/s3-strategy-fitted-diff.txt" "$out/$name-fitted-diff.txt"
  echo "== $name"
  sed -n '5,7p' "$out/$name-cv.txt"
done
