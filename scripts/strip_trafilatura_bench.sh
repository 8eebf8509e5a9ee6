#!/usr/bin/env bash
# Baseline for the boilerplate stage: run trafilatura.extract over the AEB pages in one
# process, single-threaded, and print pages/s, MB/s of HTML and the AEB F1 of its output.
#
# Usage: scripts/strip_trafilatura_bench.sh
# Creates scripts/.venv-trafilatura (not committed) with trafilatura from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-trafilatura
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q trafilatura
fi
"$VENV/bin/python" - ../shared/bench/aeb <<'PY'
import gzip, json, os, re, statistics, sys, time
from collections import Counter
import trafilatura
aeb = sys.argv[1]
truth = json.load(open(os.path.join(aeb, "ground-truth.json"), encoding="utf-8"))
pages = []
for pid in sorted(truth):
    raw = gzip.open(os.path.join(aeb, "html", pid + ".html.gz")).read()
    pages.append((pid, raw.decode("utf-8", "replace")))
size = sum(len(h.encode("utf-8")) for _, h in pages)
out = {}
t = time.perf_counter()
for pid, html in pages:
    out[pid] = trafilatura.extract(html) or ""
dt = time.perf_counter() - t
tok = re.compile(r"\w+")
def shingles(text):
    ts = tok.findall(text or "")
    return Counter(tuple(ts[i:i + 4]) for i in range(max(1, len(ts) - 3)) if ts[i:i + 4])
ps, rs = [], []
for pid, _ in pages:
    e, p = shingles(truth[pid]["articleBody"]), shingles(out[pid])
    tp = sum((e & p).values()); fp = sum(p.values()) - tp; fn = sum(e.values()) - tp
    if tp + fp > 0: ps.append(1.0 if fp == fn == 0 else tp / (tp + fp))
    if tp + fn > 0: rs.append(1.0 if fp == fn == 0 else tp / (tp + fn))
P, R = statistics.mean(ps), statistics.mean(rs)
print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages in {dt:.2f}s: "
      f"{len(pages)/dt:.1f} pages/s, {size/dt/1e6:.1f} MB/s of HTML; "
      f"AEB precision {P:.4f} recall {R:.4f} F1 {2*P*R/(P+R):.4f}")
PY
