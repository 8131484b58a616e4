#!/usr/bin/env python3
"""Turns `s3check s3 --format json` output into the prediction lines evaluate.py reads.

Usage: predictions.py S3.json > PREDICTIONS.jsonl

`top` is s3check's own conclusion: the area the evidence supports, or none. The strategy's area
ids are mapped to the development set's label ids.
"""
import json
import sys
from pathlib import Path

LABELS = {
    "life-science": "life-science",
    "ikt": "ict",
    "hallbar-produktion": "sustainable-production",
    "hallbar-stadsutveckling": "urban-climate",
}


def main() -> None:
    for entry in json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")):
        alignment = entry["alignment"]
        ranked = [{"area": LABELS[area["id"]], "score": area["score"]} for area in alignment["areas"]]
        conclusion = alignment["conclusion"]
        supported = conclusion["supported"]
        top = LABELS[supported[0]] if supported else "none"
        print(json.dumps({"id": Path(entry["file"]).stem, "ranked": ranked, "top": top}))


if __name__ == "__main__":
    main()
