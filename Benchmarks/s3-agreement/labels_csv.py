#!/usr/bin/env python3
"""Writes the development labels as the CSV `s3check calibrate` reads (file,area).

Usage: labels_csv.py LABELS.jsonl > labels.csv

The development set's label ids are mapped to the Stockholm strategy's area ids.
"""
import csv
import json
import sys

AREAS = {
    "life-science": "life-science",
    "ict": "ikt",
    "sustainable-production": "hallbar-produktion",
    "urban-climate": "hallbar-stadsutveckling",
    "none": "none",
}


def main() -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["file", "area"])
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            writer.writerow([f"{label['id']}.xml", AREAS[label["primary"]]])


if __name__ == "__main__":
    main()
