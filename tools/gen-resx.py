#!/usr/bin/env python3
"""Generates the UI resource files from src/Workforce.Web/Resources/strings.tsv.

Each line: key<TAB>简体中文<TAB>English. The Chinese text goes to SharedResource.resx (the neutral,
default language) and the English text to SharedResource.en.resx. Run after editing the TSV:
    python3 tools/gen-resx.py
"""
import os
from xml.sax.saxutils import escape

here = os.path.join(os.path.dirname(__file__), '..', 'src', 'Workforce.Web', 'Resources')
rows = []
seen = set()
with open(os.path.join(here, 'strings.tsv'), encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        parts = line.split('\t')
        if len(parts) != 3:
            raise SystemExit(f'strings.tsv line {n}: expected 3 tab-separated fields, got {len(parts)}')
        if parts[0] in seen:
            raise SystemExit(f'strings.tsv line {n}: duplicate key {parts[0]}')
        seen.add(parts[0])
        rows.append(parts)

header = '''<?xml version="1.0" encoding="utf-8"?>
<!-- Generated from strings.tsv by tools/gen-resx.py; edit the TSV, not this file. -->
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''
for name, col in (('SharedResource.resx', 1), ('SharedResource.en.resx', 2)):
    with open(os.path.join(here, name), 'w', encoding='utf-8') as out:
        out.write(header)
        for r in rows:
            out.write(f'  <data name="{escape(r[0], {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(r[col])}</value></data>\n')
        out.write('</root>\n')
print(f'{len(rows)} strings written')
