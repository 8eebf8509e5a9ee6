#!/usr/bin/env python3
"""Fill the byte offsets of gold sources and normalise gold lines.

Gold facts are written by hand with, for each source, only `doc` and `text`
(the sentence exactly as it appears in the document). This script finds each
sentence in the document's text as ingested and writes `start`/`end` as byte
offsets into it, fills the contract's defaulted fields (`per`, `scope`, `vs`
null, `bound` "eq", `modality` "actual") and rewrites every line with the
fields in the contract's order. It fails loudly (exit 1) when a sentence is
not found or a required field is missing, and leaves the file untouched then.

Document text as ingested:
  * gold/seeds.jsonl        -> corpus/<doc>.txt with a leading
                               " date YYYY-MM-DD " marker removed;
  * gold/bbc_business.jsonl -> ../shared/bench/bbc_business/<doc>.txt as is;
  * gold/bbc_heldout.jsonl  -> the same BBC files (a held-out set of other
                               articles of that bench), as is.

A source may give, instead of `text`, a `q`: a short string that occurs once
in the document; the script then expands it to the enclosing sentence (from
the end of the previous sentence or line to the next sentence end, closing
quotes included), writes that sentence as `text` and drops `q`. Every
expansion is printed for review (--quiet to silence).

Usage (from anywhere): scripts/gold_fill_offsets.py [GOLD.jsonl ...]
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)

DIRS = {
    "seeds.jsonl": "corpus",
    "bbc_business.jsonl": os.path.join("..", "shared", "bench", "bbc_business"),
    "bbc_heldout.jsonl": os.path.join("..", "shared", "bench", "bbc_business"),
}
DATE_MARKER = re.compile(r"^ date \d{4}-\d{2}-\d{2} ")
ORDER = ["subject", "metric", "value", "value_max", "unit", "period", "per", "scope",
         "bound", "modality", "vs", "optional", "aliases", "sources", "note"]
REQUIRED = ["subject", "metric", "value", "unit", "period", "sources"]
DEFAULTS = {"per": None, "scope": None, "bound": "eq", "modality": "actual", "vs": None}

_cache = {}


def doc_text(directory, doc):
    key = (directory, doc)
    if key not in _cache:
        path = os.path.join(directory, doc + ".txt")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        _cache[key] = DATE_MARKER.sub("", text, count=1)
    return _cache[key]


def locate(text, sentence, hint):
    """Byte (start, end) of `sentence` in `text`; `hint` (a byte start) picks
    among several occurrences."""
    hits = [m.start() for m in re.finditer(re.escape(sentence), text)]
    if not hits:
        return None
    starts = [len(text[:h].encode("utf-8")) for h in hits]
    start = hint if hint in starts else starts[0]
    return start, start + len(sentence.encode("utf-8"))


SENT_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9£$€])")
VERBOSE = True


def expand(text, q):
    """The sentence of `text` that contains the single occurrence of `q`."""
    hits = [m.start() for m in re.finditer(re.escape(q), text)]
    if len(hits) != 1:
        return None, f"q occurs {len(hits)} times"
    i = hits[0]
    line_start = text.rfind("\n", 0, i) + 1
    line_end = text.find("\n", i)
    if line_end == -1:
        line_end = len(text)
    start = line_start
    for m in SENT_END.finditer(text, line_start):
        if m.end() > i:
            break
        start = m.end()
    while start < i and text[start].isspace():
        start += 1
    end = line_end
    m = SENT_END.search(text, i + len(q) - 1, line_end)
    if m:
        end = m.end()
    else:
        while end > i and text[end - 1].isspace():
            end -= 1
    return text[start:end], None


def process(path):
    directory = DIRS.get(os.path.basename(path))
    if directory is None:
        raise SystemExit(f"{path}: unknown gold file (expected one of {sorted(DIRS)})")
    out, errors = [], []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            fact = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path}:{no}: not JSON: {e}")
            continue
        for field in REQUIRED:
            if field not in fact:
                errors.append(f"{path}:{no}: missing required field {field!r}")
        for field, default in DEFAULTS.items():
            fact.setdefault(field, default)
        for src in fact.get("sources", []):
            try:
                text = doc_text(directory, src["doc"])
            except OSError as e:
                errors.append(f"{path}:{no}: doc {src.get('doc')!r}: {e}")
                continue
            if "q" in src:
                sentence, err = expand(text, src["q"])
                if sentence is None:
                    errors.append(f"{path}:{no}: {src['doc']}: {err}: {src['q']!r}")
                    continue
                src["text"] = sentence
                del src["q"]
                if VERBOSE:
                    print(f"{path}:{no} {src['doc']}: {sentence}")
            found = locate(text, src["text"], src.get("start"))
            if found is None:
                errors.append(f"{path}:{no}: sentence not found in {src['doc']}: {src['text'][:80]!r}")
                continue
            src["start"], src["end"] = found
            src_ordered = {k: src[k] for k in ("doc", "start", "end", "text")}
            src.clear()
            src.update(src_ordered)
        ordered = {k: fact[k] for k in ORDER if k in fact}
        ordered.update({k: v for k, v in fact.items() if k not in ordered})
        out.append(json.dumps(ordered, ensure_ascii=False))
    if errors:
        for e in errors:
            print(e, file=sys.stderr)
        raise SystemExit(1)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{path}: {len(out)} facts, offsets filled")


def main():
    global VERBOSE
    args = sys.argv[1:]
    if "--quiet" in args:
        VERBOSE = False
        args.remove("--quiet")
    paths = args or ["gold/seeds.jsonl", "gold/bbc_business.jsonl", "gold/bbc_heldout.jsonl"]
    for p in paths:
        if os.path.exists(p):
            process(p)


if __name__ == "__main__":
    main()
