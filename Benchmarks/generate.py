#!/usr/bin/env python3
"""Deterministic generator of realistic s3check applications for benchmarks.

Usage: generate.py COUNT FOLDER [--scale N]
Same COUNT and seed give the same files. Sizes range from about 5 KB to 50 KB; every S3 area
appears, Swedish and English, about two in three eligible and the rest failing a hard rule.
--scale N multiplies partners and cost lines by N (growth measurements).
"""
import os
import random
import sys

AREAS = {
    "life-science": (
        ["läkemedel", "klinisk prövning", "diagnostik", "hälsodata", "precisionsmedicin", "vården", "patienter"],
        ["drug development", "clinical trials", "diagnostics", "health data", "patients", "hospital care"],
        "72.11", ["010", "012"]),
    "ikt": (
        ["digitalisering", "artificiell intelligens", "mjukvara", "dataanalys", "cybersäkerhet", "e-tjänster"],
        ["digitalisation", "machine learning", "software platform", "analytics", "cybersecurity", "cloud"],
        "62.01", ["013", "016"]),
    "hallbar-produktion": (
        ["cirkulär tillverkning", "återvinning", "resurseffektiv produktion", "batterier", "industrin"],
        ["circular manufacturing", "recycling", "resource efficiency", "batteries", "factory"],
        "28.99", ["030", "010"]),
    "hallbar-stadsutveckling": (
        ["klimatanpassning", "dagvatten", "hållbar mobilitet", "energieffektiva byggnader", "staden"],
        ["climate adaptation", "stormwater", "sustainable mobility", "energy-efficient buildings", "cities"],
        "71.12", ["029", "023"]),
}
FILLER_SV = ("Projektet samverkar med regionala aktörer och sprider resultaten genom seminarier, "
             "rapporter och öppna data så att fler kan använda dem. ")
FILLER_EN = ("The project works with regional actors and spreads its results through seminars, "
             "reports and open data so that more organisations can use them. ")
PUBLIC = [("Stockholms stad", "212000-0142", "0180"), ("Region Stockholm", "232100-0016", "0180")]
UNIVERSITIES = [("Kungliga Tekniska högskolan", "202100-3054"), ("Stockholms universitet", "202100-3062"),
                ("Karolinska Institutet", "202100-2973")]
MUNICIPALITIES = ["0180", "0184", "0181", "0182", "0126", "0127", "0186", "0163"]


def application(index, rng, scale):
    area = rng.choice(list(AREAS))
    words_sv, words_en, nace, fields = AREAS[area]
    english = rng.random() < 0.3
    words = words_en if english else words_sv
    filler = FILLER_EN if english else FILLER_SV
    failing = rng.random() < 0.33
    paragraphs = rng.randint(2, 120)  # the schema caps a text at 20 000 characters
    summary = " ".join(rng.sample(words, 3)) + ". " + filler * paragraphs
    extra_partners = rng.randint(0, 6) * scale
    lines_per_partner = rng.randint(2, 45) * scale
    partners = [("P1", "lead", "company", f"Företag {index} AB", "556036-0793", nace)]
    university = rng.choice(UNIVERSITIES)
    partners.append(("P2", "partner", "university", university[0], university[1], "85.42"))
    public = rng.choice(PUBLIC)
    partners.append(("P3", "partner", "public-body", public[0], public[1], "84.11"))
    for extra in range(extra_partners):
        partners.append((f"P{4 + extra}", "partner", "company", f"Partner {extra} AB", "556036-0793", nace))
    costs = []
    for pid, *_ in partners:
        for line in range(lines_per_partner):
            costs.append((pid, 2026 + line % 3, "staff" if line % 2 == 0 else "travel", rng.randint(10, 400) * 1000))
    total = sum(c[3] for c in costs)
    erdf = total * (55 if failing else 40) // 100
    public_share = total * 40 // 100
    private_share = total - erdf - public_share
    municipality = "0380" if failing and rng.random() < 0.5 else rng.choice(MUNICIPALITIES)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<application xmlns="urn:s3check:application:1" formatVersion="1.0">',
           '  <call id="STHLM-2026-RI"/>', f'  <submissionDate>2026-0{rng.randint(2, 9)}-1{rng.randint(0, 9)}</submissionDate>',
           f'  <language>{"en" if english else "sv"}</language>', '  <project>',
           f'    <title>{words[0].capitalize()} och {words[1]} i Stockholmsregionen {index}</title>',
           f'    <summary>{summary}</summary>',
           '    <objectives>', *[f'      <objective>{rng.choice(words)} {filler[:80]}</objective>' for _ in range(rng.randint(1, 4))],
           '    </objectives>', '    <startDate>2026-09-01</startDate>', '    <endDate>2028-08-31</endDate>',
           '    <location>', '      <nuts>SE110</nuts>', f'      <municipality code="{municipality}"/>', '    </location>',
           '    <policyObjective>PO1</policyObjective>', '    <specificObjective>RSO1.1</specificObjective>',
           '    <interventionFields>', *[f'      <field code="{code}" share="50"/>' for code in fields], '    </interventionFields>',
           f'    <trl start="{rng.randint(2, 5)}" end="{rng.randint(5, 8)}"/>',
           '    <s3>', f'      <area ref="{area}"/>',
           f'      <justification>{" ".join(words)}. {filler * 2}</justification>', '    </s3>',
           '    <keywords>', *[f'      <keyword>{w}</keyword>' for w in rng.sample(words, 3)], '    </keywords>',
           '  </project>', '  <partners>']
    for pid, role, kind, name, orgnr, code in partners:
        out += [f'    <partner id="{pid}" role="{role}" kind="{kind}">', f'      <name>{name}</name>',
                f'      <organisationNumber>{orgnr}</organisationNumber>', '      <country>SE</country>',
                f'      <nace>{code}</nace>']
        # Aid under GBER needs every company's size (Art. 6(2)(a), EU-SME-003): a small one here,
        # derived from the index so that the random stream, and so every other value, is unchanged.
        if kind == "company":
            staff = 10 + (index * 7 + len(pid) * 3 + int(pid[1:])) % 39
            out.append(f'      <size staffHeadcount="{staff}" turnoverEUR="3000000" balanceSheetEUR="2000000" '
                       'independent="true" category="small"/>')
        out.append('    </partner>')
    out += ['  </partners>', '  <budget currency="SEK">']
    out += [f'    <costLine partner="{c[0]}" year="{c[1]}" category="{c[2]}" amount="{c[3]}"/>' for c in costs]
    out += ['  </budget>', '  <financing>', f'    <erdf amount="{erdf}"/>',
            f'    <cofinancing kind="public" funder="{public[0]}" amount="{public_share}"/>',
            f'    <cofinancing kind="private" funder="Företag {index} AB" amount="{private_share}"/>', '  </financing>',
            '  <stateAid basis="gber" gberArticle="25" researchCategory="industrial-research" aidIntensity="50">',
            '    <undertakingInDifficulty>false</undertakingInDifficulty>', '  </stateAid>',
            '  <horizontalPrinciples>', f'    <genderEquality>{filler}</genderEquality>',
            f'    <nonDiscrimination>{filler}</nonDiscrimination>',
            f'    <sustainableDevelopment dnsh="true">{filler}</sustainableDevelopment>', '  </horizontalPrinciples>',
            '  <indicators>', '    <indicator code="RCO01" target="3"/>', '    <indicator code="RCO10" target="2"/>',
            '  </indicators>', '</application>']
    return "\n".join(out) + "\n"


def main():
    count = int(sys.argv[1])
    folder = sys.argv[2]
    scale = int(sys.argv[sys.argv.index("--scale") + 1]) if "--scale" in sys.argv else 1
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(20261129 + scale)
    sizes = []
    for index in range(count):
        text = application(index, rng, scale)
        sizes.append(len(text.encode()))
        with open(os.path.join(folder, f"app-{index:06d}.xml"), "w", encoding="utf-8") as handle:
            handle.write(text)
    sizes.sort()
    print(f"{count} applications in {folder}: {sizes[0] // 1024}–{sizes[-1] // 1024} KB, "
          f"median {sizes[len(sizes) // 2] // 1024} KB")


main()
