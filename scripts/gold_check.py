#!/usr/bin/env python3
"""Validate gold files against the fact contract (../shared/spec/facts.md).

Checks every line: valid JSON, all contract fields present, metric from the
vocabulary (or <metric>_change), unit allowed for the metric, period grammar,
per/bound/modality/vs vocabularies, value_max only (and always) with range,
sources with doc/start/end/text where the bytes [start, end) of the ingested
document text equal `text`, and no two non-optional gold facts that share a
match key (same fact twice). The held-out BBC file (gold/bbc_heldout.jsonl)
must cite no document that gold/bbc_business.jsonl cites, so that it stays
a test of generalisation. Prints a summary; exit 1 on any error.

Usage (from the repo root or anywhere): scripts/gold_check.py [GOLD.jsonl ...]
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from gold_fill_offsets import DIRS, doc_text  # noqa: E402

BASE = {
    "shipments": "count", "revenue": "currency", "profit": "currency",
    "operating_profit": "currency", "pretax_profit": "currency", "eps": "currency",
    "dividend": "currency", "funding": "currency", "valuation": "currency",
    "deal_value": "currency", "price": "currency", "investment": "currency",
    "market_share": "percent", "stake": "percent", "market_rank": "rank",
    "store_count": "count", "store_openings": "count", "employee_count": "count",
    "hires": "count", "job_cuts": "count", "user_count": "count",
    "patent_applications": "count", "patents_granted": "count", "country_count": "count",
}
CURRENCIES = {"USD", "EUR", "GBP", "CNY", "INR", "JPY", "AUD", "CAD", "CHF", "SEK",
              "NOK", "DKK", "RUB", "KRW", "HKD", "SGD", "BRL", "MXN", "ZAR", "TRY",
              "NZD", "PLN", "CZK", "HUF", "THB", "IDR", "MYR", "PHP", "TWD", "ARS"}
FIELDS = ["subject", "metric", "value", "unit", "period", "per", "scope", "bound",
          "modality", "vs", "sources"]
PER = {None, "day", "week", "month", "quarter", "year"}
BOUND = {"eq", "approx", "gt", "ge", "lt", "le", "range"}
MODALITY = {"actual", "target", "forecast"}
VS = {None, "prev_quarter", "prev_year", "prev_month"}
P1 = r"(\d{4}|\d{4}-H[12]|\d{4}-Q[1-4]|\d{4}-(0[1-9]|1[0-2])|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|FY\d{4}|FY\d{4}-Q[1-4])"
PERIOD = re.compile(rf"^{P1}(/{P1})?$")
KNOWN = set(FIELDS) | {"value_max", "optional", "aliases", "note"}
# gold files that must not share documents: (annotated set, held-out set)
DISJOINT = [("bbc_business.jsonl", "bbc_heldout.jsonl")]
DOCS = {}


def unit_ok(metric, unit):
    base = metric[:-len("_change")] if metric.endswith("_change") else metric
    want = BASE.get(base)
    if want is None:
        return False, f"metric {metric!r} not in the vocabulary"
    allowed = set(CURRENCIES) if want == "currency" else {want}
    if metric.endswith("_change"):
        allowed.add("percent")
    if unit not in allowed:
        return False, f"unit {unit!r} not allowed for {metric!r}"
    return True, ""


def norm(s):
    s = re.sub(r"[^\w\s]", "", s.lower()).split()
    suffix = {"inc", "incorporated", "corp", "corporation", "co", "company", "ltd",
              "limited", "plc", "group", "holdings", "llc", "sa", "ag", "nv"}
    while s and s[-1] in suffix:
        s.pop()
    return " ".join(s)


def check(path):
    directory = DIRS[os.path.basename(path)]
    errors, facts = [], []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{no}"
            try:
                fct = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where}: not JSON: {e}")
                continue
            for k in FIELDS:
                if k not in fct:
                    errors.append(f"{where}: missing field {k!r}")
            for k in fct:
                if k not in KNOWN:
                    errors.append(f"{where}: unknown field {k!r}")
            if errors and errors[-1].startswith(where + ": missing"):
                continue
            if not isinstance(fct["subject"], str) or not fct["subject"].strip():
                errors.append(f"{where}: empty subject")
            if not isinstance(fct["value"], (int, float)) or isinstance(fct["value"], bool):
                errors.append(f"{where}: value not a number")
            ok, msg = unit_ok(fct["metric"], fct["unit"])
            if not ok:
                errors.append(f"{where}: {msg}")
            if fct["period"] is not None and not PERIOD.match(fct["period"]):
                errors.append(f"{where}: bad period {fct['period']!r}")
            if fct["per"] not in PER:
                errors.append(f"{where}: bad per {fct['per']!r}")
            if fct["scope"] is not None and (not isinstance(fct["scope"], str) or not fct["scope"]):
                errors.append(f"{where}: bad scope")
            if fct["bound"] not in BOUND:
                errors.append(f"{where}: bad bound {fct['bound']!r}")
            if (fct["bound"] == "range") != ("value_max" in fct):
                errors.append(f"{where}: value_max must be present exactly when bound is range")
            if "value_max" in fct and fct["value_max"] < fct["value"]:
                errors.append(f"{where}: value_max < value")
            if fct["modality"] not in MODALITY:
                errors.append(f"{where}: bad modality {fct['modality']!r}")
            if fct["vs"] not in VS:
                errors.append(f"{where}: bad vs {fct['vs']!r}")
            if fct["vs"] is not None and not fct["metric"].endswith("_change"):
                errors.append(f"{where}: vs set on a non-change metric")
            if "optional" in fct and fct["optional"] is not True:
                errors.append(f"{where}: optional must be true when present")
            if "aliases" in fct and not all(isinstance(a, str) and a for a in fct["aliases"]):
                errors.append(f"{where}: aliases must be non-empty strings")
            if not fct["sources"]:
                errors.append(f"{where}: no sources")
            for s in fct["sources"]:
                if set(s) != {"doc", "start", "end", "text"}:
                    errors.append(f"{where}: source fields {sorted(s)}")
                    continue
                try:
                    raw = doc_text(directory, s["doc"]).encode("utf-8")
                except OSError as e:
                    errors.append(f"{where}: {e}")
                    continue
                if raw[s["start"]:s["end"]].decode("utf-8", "replace") != s["text"]:
                    errors.append(f"{where}: source offsets do not match text in {s['doc']}")
            facts.append((where, fct))
    # duplicate match keys among required gold facts (optional facts only
    # absorb predictions, so two of them within the value tolerance are harmless:
    # e.g. exchange rates of two days that differ by less than 0.5%)
    seen = []
    for where, f in facts:
        if f.get("optional"):
            continue
        key = (norm(f["subject"]), f["metric"], f["unit"], f["period"], f["per"], f["scope"], f["modality"])
        for w2, f2, k2 in seen:
            if k2 == key and abs(f2["value"] - f["value"]) <= 0.005 * abs(f2["value"]) \
                    and (f2["value"] != 0 or f["value"] == 0):
                errors.append(f"{where}: same match key and value as {w2} (merge the sources)")
        seen.append((where, f, key))
    docs = sorted({s["doc"] for _, f in facts for s in f["sources"]})
    DOCS[os.path.basename(path)] = set(docs)
    opt = sum(1 for _, f in facts if f.get("optional"))
    print(f"{path}: {len(facts)} facts ({len(facts) - opt} required, {opt} optional) "
          f"from {len(docs)} documents")
    return errors


def main():
    paths = sys.argv[1:] or ["gold/seeds.jsonl", "gold/bbc_business.jsonl",
                             "gold/bbc_heldout.jsonl"]
    errors = []
    for p in paths:
        if os.path.exists(p):
            errors += check(p)
        else:
            errors.append(f"{p}: missing")
    for a, b in DISJOINT:
        if a in DOCS and b in DOCS and DOCS[a] & DOCS[b]:
            errors.append(f"{b}: documents also annotated in {a}: "
                          f"{' '.join(sorted(DOCS[a] & DOCS[b]))}")
    for e in errors:
        print(e, file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
