#!/usr/bin/env python3
"""Regenerates crates/factsift-html/data/entities.tsv from the WHATWG named
character reference list as shipped in Python's standard library
(html.entities.html5): one line per name (with its ';' when the list has it),
a tab, then its code points in hex separated by spaces."""
import html.entities
import os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
out = os.path.join(root, "crates", "factsift-html", "data", "entities.tsv")
with open(out, "w", encoding="utf-8") as f:
    for name in sorted(html.entities.html5):
        cps = " ".join("%X" % ord(c) for c in html.entities.html5[name])
        f.write(f"{name}\t{cps}\n")
