#!/usr/bin/env python3
"""Checks that the printed report (HTML → Chromium PDF → text) holds what a case officer files.

Usage: printed-report-facts.py PDF LANG EXAMPLE.xml...

For every schema-valid example: each partner's name, the total eligible costs and the ERDF
amount written as LANG writes amounts, and the decision and audit fields. Amounts are computed
here from the application XML, independently of s3check.
"""
import sys
import subprocess
import xml.etree.ElementTree as ET
from decimal import Decimal

NS = "{urn:s3check:application:1}"
FIELDS = {
    "sv": ["Diarienummer", "Handläggare", "Datum", "Underskrift", "Bifall", "Avslag", "Spårbarhet",
           "Ansökans SHA-256", "Regelpaket"],
    "en": ["Case number", "Case officer", "Date", "Signature", "Approved", "Rejected", "Audit trail",
           "Application SHA-256", "Rule pack"],
}


def amount(value: Decimal, currency: str, lang: str) -> str:
    whole = f"{int(value):,}" if value == value.to_integral() else f"{value:,.2f}"
    if lang == "sv":
        text = whole.replace(",", " ").replace(".", ",")
        return f"{text} kr" if currency == "SEK" else f"{text} {'euro' if currency == 'EUR' else currency}"
    return f"{currency} {whole}"


def main() -> int:
    pdf, lang, examples = sys.argv[1], sys.argv[2], sys.argv[3:]
    text = subprocess.run(["pdftotext", pdf, "-"], check=True, capture_output=True, text=True).stdout
    # Lines are laid out in columns; compare with all whitespace (no-break spaces too) as one space.
    flat = " ".join(text.replace("\u00a0", " ").split())
    missing = []
    for field in FIELDS[lang]:
        if field not in flat:
            missing.append(f"decision field {field!r}")
    checked = 0
    for path in examples:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            continue
        budget = root.find(f"{NS}budget")
        if budget is None or "invalid" in path:
            continue
        checked += 1
        currency = budget.get("currency", "SEK")
        total = sum((Decimal(line.get("amount")) for line in budget.findall(f"{NS}costLine")), Decimal(0))
        erdf = Decimal(root.find(f"{NS}financing/{NS}erdf").get("amount"))
        for label, value in (("total", total), ("ERDF", erdf)):
            expected = amount(value, currency, lang)
            if expected not in flat:
                missing.append(f"{path}: {label} {expected!r}")
        for partner in root.findall(f"{NS}partners/{NS}partner"):
            name = " ".join(partner.find(f"{NS}name").text.split())
            if name not in flat:
                missing.append(f"{path}: partner {name!r}")
    for problem in missing:
        print(f"printed-report-facts: {lang}: missing {problem}")
    print(f"printed-report-facts: {lang}: {checked} applications, {len(missing)} missing")
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
