#!/usr/bin/env python3
"""How much of each AEB page's ground-truth article body survives HTML text
extraction (before any boilerplate stripping): recall of the ground truth's
4-token shingles (tokens are \\w+ runs, multiset counts) in the extracted
full text. A good extractor keeps this near 1.0; pages below 0.9 are listed.

usage: cargo run --release -p factsift-html --example aeb_texts > /tmp/t.jsonl
       python3 scripts/html_recall.py /tmp/t.jsonl
"""
import collections
import json
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
gt = json.load(open(os.path.join(root, "..", "shared", "bench", "aeb", "ground-truth.json")))


def shingles(text):
    toks = re.findall(r"\w+", text)
    return collections.Counter(tuple(toks[i:i + 4]) for i in range(max(len(toks) - 3, 0)))


recalls = []
precisions = []
for line in open(sys.argv[1]):
    rec = json.loads(line)
    want = shingles(gt[rec["id"]]["articleBody"])
    have = shingles(rec["text"])
    total = sum(want.values())
    if not total:
        continue
    tp = sum(min(c, have[s]) for s, c in want.items())
    r = tp / total
    if have:
        precisions.append(tp / sum(have.values()))
    recalls.append(r)
    if r < 0.9:
        print(f"{r:.3f}\t{rec['id']}\t{gt[rec['id']]['url']}")
print(f"pages {len(recalls)}  mean recall {sum(recalls) / len(recalls):.4f}  "
      f"min {min(recalls):.3f}  below 0.9: {sum(r < 0.9 for r in recalls)}  "
      f"(precision of the unstripped text {sum(precisions) / len(precisions):.4f})")
