#!/usr/bin/env python3
"""Turns the labelled real projects into s3check applications that only their text can place.

Usage: make_applications.py PROJECTS.jsonl OUTPUT_DIR

Each project becomes OUTPUT_DIR/<id>.xml: title = the project's name, summary = its
description. Nothing else in the file hints at an area: no declared area, keywords, objectives,
NACE codes, intervention fields or research fields; partner, budget and financing are the same
neutral placeholders for every project, so that the file is schema-valid.
"""
import json
import sys
from pathlib import Path
from xml.sax.saxutils import escape

TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<application xmlns="urn:s3check:application:1" formatVersion="1.0">
  <call id="STHLM-2026-RI" programme="2021SE16RFPR001"/>
  <submissionDate>2026-04-20</submissionDate>
  <language>sv</language>
  <project>
    <title>{title}</title>
    <summary>{summary}</summary>
    <startDate>2026-09-01</startDate>
    <endDate>2027-12-31</endDate>
    <location>
      <nuts>SE110</nuts>
      <municipality code="0180" name="Stockholm"/>
    </location>
    <policyObjective>PO1</policyObjective>
    <specificObjective>RSO1.1</specificObjective>
  </project>
  <partners>
    <partner id="P1" role="lead" kind="company">
      <name>Sökande AB</name>
      <organisationNumber>556036-0793</organisationNumber>
      <country>SE</country>
      <legalForm>aktiebolag</legalForm>
    </partner>
  </partners>
  <budget currency="SEK">
    <costLine partner="P1" year="2026" category="staff" amount="1000000"/>
  </budget>
  <financing>
    <erdf amount="400000"/>
    <cofinancing kind="private" funder="Sökande AB" amount="600000"/>
  </financing>
</application>
"""


def main() -> None:
    projects, output = Path(sys.argv[1]), Path(sys.argv[2])
    output.mkdir(parents=True, exist_ok=True)
    count = 0
    with projects.open(encoding="utf-8") as lines:
        for line in lines:
            project = json.loads(line)
            text = TEMPLATE.format(
                title=escape(project["name"].strip()), summary=escape(project["description"].strip()))
            (output / f"{project['id']}.xml").write_text(text, encoding="utf-8")
            count += 1
    print(f"{count} applications in {output}", file=sys.stderr)


if __name__ == "__main__":
    main()
