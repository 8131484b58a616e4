#!/usr/bin/env python3
"""Writes the development labels as the CSV `s3check calibrate` reads (file,area,secondary,confidence).

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
    writer.writerow(["file", "area", "secondary", "confidence"])
    with open(sys.argv[1], encoding="utf-8") as lines:
        for line in lines:
            label = json.loads(line)
            secondary = " ".join(AREAS[area] for area in label.get("secondary", []))
            writer.writerow([f"{label['id']}.xml", AREAS[label["primary"]], secondary, label.get("confidence", "")])


if __name__ == "__main__":
    main()
