#!/usr/bin/env bash
# Scores quantulum3 on NewsQuant with the same matching rule as the Rust scorer
# (crates/factsift-tag/tests/nq/mod.rs), then prints factsift-tag's scores
# side by side. Usage: scripts/tag_quantulum3_newsquant.sh
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-tag
[ -x "$VENV/bin/python" ] || scripts/tag_python_setup.sh
DATA=../shared/bench/newsquant/NewsQuant.json
echo "== quantulum3"
"$VENV/bin/python" - "$DATA" <<'PY'
import json, re, sys, warnings
warnings.filterwarnings("ignore")
from quantulum3 import parser

SYN = {"%": "percent", "percentage": "percent", "pc": "percent", "% -": "percent", "$": "dollar",
       "us$": "dollar", "usd": "dollar", "united states dollar": "dollar", "cent": "dollar",
       "penny": "pound sterling", "p": "pound sterling", "ps": "pound sterling", "pound": "pound sterling",
       "sen": "malaysian ringgit", "yuan": "chinese yuan", "yen": "japanese yen", "-": "count",
       "time": "count", "times": "count", "dimensionless": "count", "pound-mass": "pound sterling",
       "pound-foot": "foot pound-force"}

def singular(w):
    for a, b in [("inches", "inch"), ("ches", "ch"), ("shes", "sh"), ("ies", "y"), ("feet", "foot"), ("men", "man")]:
        if len(w) > len(a) + 1 and w.endswith(a):
            return w[: -len(a)] + b
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss") and not w.endswith("us"):
        return w[:-1]
    return w

def norm(u):
    u = u.strip().lower().replace("per cent", "percent")
    j = " ".join(singular(w) for w in u.split())
    if j in SYN:
        return SYN[j]
    if " per " in j:
        a, b = j.split(" per ", 1)
        return norm(a) + " per " + b
    return j

def parse_value(v):
    v = v.strip()
    for i, c in enumerate(v):
        if c == "-" and i > 0 and not v[:i].rstrip().endswith("e"):
            return float(v[:i]), float(v[i + 1:])
    return float(v), None

def close(a, b):
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)

def vmatch(p, g):
    if p[1] is None and g[1] is None:
        return close(p[0], g[0])
    if p[1] is not None and g[1] is not None:
        return (close(p[0], g[0]) and close(p[1], g[1])) or (close(p[0], g[1]) and close(p[1], g[0]))
    return False

def umatch(p, g):
    if p[2] in (g[2], g[3]):
        return True
    if " per " in p[2] and p[2].split(" per ")[0] in (g[2], g[3]):
        return True
    head = g[2].split(" ")[-1] if g[2] else ""
    return bool(p[4]) and head in p[4]

data = json.load(open(sys.argv[1]))
tot = {k: [0, 0, 0] for k in ("value", "value+unit", "value+change")}
for s in data:
    gold = []
    for q in s["quantities"]:
        try:
            lo, hi = parse_value(q["value"])
        except ValueError:
            continue
        nu = q["normalized_unit"].lower()
        if nu in ("cent", "penny", "sen"):
            lo /= 100; hi = hi / 100 if hi is not None else None
        gold.append((lo, hi, norm(nu), norm(q["unit"]), q["change"]))
    pred = []
    try:
        found = parser.parse(s["text"])
    except Exception:
        found = []
    for q in found:
        unit = q.unit.name if q.unit else "count"
        if getattr(q.unit, "currency_code", None) or (q.unit and q.unit.entity and q.unit.entity.name == "currency"):
            unit = q.unit.name.split()[-1] if q.unit.name != "dollar" else "dollar"
        lo, hi = q.value, None
        if q.uncertainty:
            pass
        words = [singular(w) for w in re.findall(r"[a-z]+", q.surface.lower())]
        change = "="
        pred.append((lo, hi, norm(unit), "", words if unit in ("dimensionless", "count") else [], change))
    for key, ok in (("value", vmatch), ("value+unit", lambda p, g: vmatch(p, g) and umatch(p, g)),
                    ("value+change", lambda p, g: vmatch(p, g) and p[5] == g[4])):
        used = [False] * len(pred)
        tp = 0
        for g in gold:
            for k, p in enumerate(pred):
                if not used[k] and ok(p, g):
                    used[k] = True; tp += 1; break
        tot[key][0] += tp; tot[key][1] += len(pred) - tp; tot[key][2] += len(gold) - tp
print("metric          TP    FP    FN      P      R     F1")
for k, (tp, fp, fn) in tot.items():
    p = 100 * tp / max(tp + fp, 1); r = 100 * tp / max(tp + fn, 1)
    f = 2 * p * r / (p + r) if p + r else 0
    print(f"{k:<14} {tp:>4}  {fp:>4}  {fn:>4}  {p:>5.1f}  {r:>5.1f}  {f:>5.1f}")
PY
echo "== factsift-tag"
CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target} cargo run --release -q -p factsift-tag --example newsquant
