#!/usr/bin/env python3
"""Build the near-duplicate detection benchmark for factsift-dedup.

From real pages (../shared/bench/bbc_business/*.txt and ../shared/seeds/*.txt)
this writes, deterministically (fixed seed):

  OUT/docs.jsonl   one document per line: {"id", "text", "group", "kind", "base"}
                   documents of one "group" are near-duplicates of each other;
                   "kind" says how a copy was made ("original" for a real page).
  OUT/pairs.jsonl  labelled pairs: {"a", "b", "label": 1|0, "kind"}
                   positives: every (original, copy) pair and the real duplicate
                   pairs of the BBC set; negatives: distinct real articles on the
                   same subject (word overlap >= 0.3) and all pairs of the five
                   seed pages (distinct write-ups about one company, two of them
                   about one event). Pair precision/recall is computed over ALL pairs
                   of docs.jsonl from the groups; pairs.jsonl gives per-kind recall
                   and the hard negatives.

Copies: changed chrome (header/nav/footer/related links), two paragraphs swapped,
1/8 of the paragraphs dropped, 1-4% of words with a typo, truncation to 55-90%
of the words, and combinations of these.

Usage: scripts/dedup_make_bench.py [--out DIR] [--copies-of N] [--seed S]
(default OUT: bench-out/dedup, which git ignores; run from anywhere).
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))

# Real near-identical BBC pairs, checked by reading them: the same story in
# two updates (new lead paragraphs, same body), or a copy differing in one
# punctuation mark (267/365). Byte-identical pairs are
# found automatically by hash.
BBC_NEAR_DUPLICATES = [("209", "229"), ("260", "354"), ("267", "365")]

NAV = ["Home", "News", "Business", "Markets", "Technology", "Companies", "Economy",
       "World", "Opinion", "Video", "Podcasts", "Sign in", "Subscribe", "Search"]
FOOTER = [
    "Share this article: Facebook Twitter LinkedIn Email",
    "Copyright {year} {site}. All rights reserved.",
    "Terms of use | Privacy policy | Cookie settings | Contact us | Advertise",
    "Sign up for our daily newsletter and get the top business stories in your inbox.",
    "Follow us on social media for the latest updates.",
]
SITES = ["Daily Ledger", "Market Wire", "Business Post", "The Financial Bulletin",
         "Global Trade Times", "Metro Business"]


def read_pages():
    pages = []
    for path in sorted(glob.glob(os.path.join(SHARED, "bench", "bbc_business", "*.txt"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8", errors="replace") as f:
            pages.append(("bbc-" + name, f.read()))
    for path in sorted(glob.glob(os.path.join(SHARED, "seeds", "*.txt"))):
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        m = re.match(r" date \d{4}-\d{2}-\d{2} ", text)
        if m:
            text = text[m.end():]
        pages.append(("seed-" + name.split("_")[0], text))
    if not pages:
        sys.exit("no pages found under " + SHARED)
    return pages


def paragraphs(text):
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def word_set(text):
    return frozenset(re.findall(r"\w+", text.lower()))


def words_overlap(wa, wb):
    return len(wa & wb) / max(1, len(wa | wb))


def chrome(rng, text, titles):
    site = rng.choice(SITES)
    nav = " | ".join(rng.sample(NAV, rng.randint(5, 9)))
    head = [site, nav, "By " + rng.choice(["Staff reporter", "Business desk", "Our correspondent"])]
    related = "Related stories:\n" + "\n".join(rng.sample(titles, 3))
    foot = [related] + [f.format(year=rng.randint(2004, 2019), site=site)
                        for f in rng.sample(FOOTER, rng.randint(2, 4))]
    return "\n\n".join(head + [text] + foot)


def reorder(rng, text):
    ps = paragraphs(text)
    if len(ps) < 4:
        return None
    body = ps[1:]
    i, j = rng.sample(range(len(body)), 2)
    body[i], body[j] = body[j], body[i]
    return "\n\n".join([ps[0]] + body)


def drop(rng, text):
    ps = paragraphs(text)
    if len(ps) < 6:
        return None
    n = max(1, len(ps) // 8)
    gone = set(rng.sample(range(1, len(ps)), n))
    return "\n\n".join(p for k, p in enumerate(ps) if k not in gone)


def typos(rng, text):
    rate = rng.uniform(0.01, 0.04)
    out = []
    for tok in re.split(r"(\s+)", text):
        if tok and not tok.isspace() and len(tok) > 3 and rng.random() < rate:
            i = rng.randrange(len(tok) - 1)
            op = rng.randrange(3)
            if op == 0:
                tok = tok[:i] + tok[i + 1] + tok[i] + tok[i + 2:]
            elif op == 1:
                tok = tok[:i] + tok[i + 1:]
            else:
                tok = tok[:i] + rng.choice("etaoinsr") + tok[i:]
        out.append(tok)
    return "".join(out)


def truncate(rng, text):
    ws = text.split(" ")
    keep = int(len(ws) * rng.uniform(0.55, 0.9))
    if keep < 40:
        return None
    return " ".join(ws[:keep]) + " ..."


KINDS = {
    "chrome": lambda rng, t, titles: chrome(rng, t, titles),
    "reorder": lambda rng, t, titles: reorder(rng, t),
    "drop": lambda rng, t, titles: drop(rng, t),
    "typos": lambda rng, t, titles: typos(rng, t),
    "truncate": lambda rng, t, titles: truncate(rng, t),
    "chrome+typos": lambda rng, t, titles: chrome(rng, typos(rng, t), titles),
    "reorder+drop": lambda rng, t, titles: (lambda r: r and drop(rng, r))(reorder(rng, t)),
    "chrome+truncate": lambda rng, t, titles: (lambda r: r and chrome(rng, r, titles))(truncate(rng, t)),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out", "dedup"))
    ap.add_argument("--copies-of", type=int, default=150, help="originals that get copies")
    ap.add_argument("--seed", type=int, default=20050101)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pages = read_pages()
    titles = [paragraphs(t)[0][:120] for _, t in pages if paragraphs(t)]

    # Groups: union of byte-identical pages and the labelled near-duplicates.
    group = {pid: pid for pid, _ in pages}

    def find(x):
        while group[x] != x:
            x = group[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            group[max(ra, rb)] = min(ra, rb)

    pairs = []
    by_hash = {}
    for pid, text in pages:
        by_hash.setdefault(hashlib.sha1(text.encode()).hexdigest(), []).append(pid)
    for ids in by_hash.values():
        for other in ids[1:]:
            union(ids[0], other)
            pairs.append({"a": ids[0], "b": other, "label": 1, "kind": "real_identical"})
    for a, b in BBC_NEAR_DUPLICATES:
        union("bbc-" + a, "bbc-" + b)
        pairs.append({"a": "bbc-" + a, "b": "bbc-" + b, "label": 1, "kind": "real_near"})

    # Hard negatives: distinct real articles with high word overlap.
    sets = {pid: word_set(t) for pid, t in pages}
    ids = [pid for pid, _ in pages]
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if find(a) == find(b):
                continue
            o = words_overlap(sets[a], sets[b])
            if o >= 0.3 or (a.startswith("seed-") and b.startswith("seed-")):
                pairs.append({"a": a, "b": b, "label": 0,
                              "kind": "same_subject" if not a.startswith("seed-") else "seed_distinct",
                              "word_overlap": round(o, 3)})

    docs = [{"id": pid, "text": t, "group": find(pid), "kind": "original", "base": pid} for pid, t in pages]
    bases = rng.sample(pages, min(args.copies_of, len(pages)))
    bases += [p for p in pages if p[0].startswith("seed-") and p not in bases]
    kinds = sorted(KINDS)
    n = 0
    for pid, text in bases:
        for kind in rng.sample(kinds, 2):
            copy = KINDS[kind](rng, text, titles)
            if copy is None:
                continue
            n += 1
            cid = "copy-%04d-%s" % (n, pid)
            docs.append({"id": cid, "text": copy, "group": find(pid), "kind": kind, "base": pid})
            pairs.append({"a": pid, "b": cid, "label": 1, "kind": kind})

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "docs.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n")
    with open(os.path.join(args.out, "pairs.jsonl"), "w", encoding="utf-8") as f:
        for p in pairs:
            f.write(json.dumps(p, sort_keys=True) + "\n")
    pos = sum(p["label"] for p in pairs)
    print("wrote %d docs (%d copies), %d labelled pairs (%d positive, %d hard negative) to %s"
          % (len(docs), n, len(pairs), pos, len(pairs) - pos, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
