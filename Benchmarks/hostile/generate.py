#!/usr/bin/env python3
"""Writes hostile and oversized applications into a folder (default: ./hostile-inputs).

Usage: generate.py [FOLDER] [BASE-APPLICATION]
Each file probes one trap: entity expansion, XXE, depth, size, encoding, huge attributes,
thousands of partners and cost lines. Large files are generated, never committed.
"""
import os
import sys

folder = sys.argv[1] if len(sys.argv) > 1 else "hostile-inputs"
base_path = sys.argv[2] if len(sys.argv) > 2 else "Examples/eligible-life-science.sv.xml"
os.makedirs(folder, exist_ok=True)
base = open(base_path, encoding="utf-8").read()
declaration = '<?xml version="1.0" encoding="UTF-8"?>'


def write(name, content, binary=False):
    mode = "wb" if binary else "w"
    with open(os.path.join(folder, name), mode, **({} if binary else {"encoding": "utf-8"})) as handle:
        handle.write(content)


def with_doctype(doctype, acronym="PRECIS-PV"):
    return base.replace(declaration, declaration + "\n" + doctype).replace(
        "<acronym>PRECIS-PV</acronym>", f"<acronym>{acronym}</acronym>")


write("empty.xml", "")
write("not-xml.xml", bytes(range(256)) * 64, binary=True)
write("truncated.xml", base[: len(base) // 2])
write("invalid-utf8.xml", base.encode("utf-8").replace("Precisionsmedicin".encode(), b"Precisi\xffnsmedicin"), binary=True)
write("utf16-bom.xml", b"\xff\xfe" + base.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16-le"), binary=True)
write("wrong-root.xml", base.replace("<application ", "<ansokan ").replace("</application>", "</ansokan>"))
write("wrong-namespace.xml", base.replace("urn:s3check:application:1", "urn:example:other"))
write("unknown-version.xml", base.replace('formatVersion="1.0"', 'formatVersion="7.0"'))
write("xxe-general.xml", with_doctype('<!DOCTYPE application [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"))
write("xxe-parameter.xml", with_doctype('<!DOCTYPE application [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'))
write("xxe-external-dtd.xml", with_doctype('<!DOCTYPE application SYSTEM "file:///etc/passwd">'))
write("xxe-network.xml", with_doctype('<!DOCTYPE application SYSTEM "http://127.0.0.1:9/evil.dtd">'))
laughs = '<!ENTITY l0 "ha">' + "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
write("billion-laughs.xml", with_doctype(f"<!DOCTYPE application [{laughs}]>", "&l9;"))
entity = "x" * 20000
write("quadratic-text.xml", f'<!DOCTYPE application [<!ENTITY e "{entity}">]><application>{"&e;" * 20000}</application>')
write("quadratic-attribute.xml", f'<!DOCTYPE application [<!ENTITY e "{entity}">]><application a="{"&e;" * 20000}"/>')
write("deep-100000.xml", "<a>" * 100000 + "</a>" * 100000)
write("big-50mb.xml", base.replace("</summary>", " " + "Lång text. " * 4_800_000 + "</summary>"))
write("attribute-1mb.xml", base.replace('name="Stockholm"', 'name="' + "Stockholm " * 100_000 + '"'))
partners = "".join(
    f'<partner id="X{i}" role="partner" kind="company"><name>Företag {i} AB</name>'
    f"<organisationNumber>556036-0793</organisationNumber><country>SE</country></partner>\n"
    for i in range(3000))
lines = "".join(
    f'<costLine partner="X{i % 3000}" year="2027" category="travel" amount="{i % 97}"/>\n' for i in range(20000))
write("many-partners-and-lines.xml", base.replace("  </partners>", partners + "  </partners>").replace(
    "  </budget>", lines + "  </budget>"))
hostile_text = "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; \"quotes\" 'single' \u202eRTL\u202c"
write("script-and-rtl.xml", base.replace("Precisionsmedicin för tidig cancerdiagnostik i primärvården", hostile_text))
print(f"wrote {len(os.listdir(folder))} files to {folder}")
