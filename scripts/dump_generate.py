#!/usr/bin/env python3
"""Build large, realistic, deterministic article dumps for whole-run benchmarks.

Every output document is one source page (a seed page from corpus/, a BBC
business text or an AEB HTML page from ../shared/bench) that is
  * re-chromed: menus, teaser lines and footers drawn from a small built-in
    list of generic site chrome (plus headlines of other sources as teasers),
  * perturbed: some numbers scaled (format kept), some proper names swapped for
    names seen elsewhere in the sources, some body paragraphs reordered,
  * given a unique id, a url on one of a few generic sites and, for text, a date.
Same --seed, same sources and same arguments give byte-identical output.

Output is streamed (memory is bounded by the source pages, not the dump):
  jsonl     DIR/dump.jsonl        one {"id","text"|"html","date"?,"url"} per line
  jsonl.gz  DIR/dump.jsonl.gz     the same, gzipped
  dir       DIR/pages/NNNN/ID.txt|.html   text pages carry the ` date YYYY-MM-DD ` line

  scripts/dump_generate.py --count 100000 --size 1G --format jsonl.gz,dir --out /tmp/dump
  scripts/dump_generate.py --count 2000 --html-share 0 --out /tmp/small   # text pages only

Generation stops at --count documents or once --size bytes of document text
were written, whichever comes first. Never commit generated dumps.
"""

import argparse
import datetime
import gzip
import json
import os
import random
import re
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Generic site chrome: what surrounds articles on most news sites. Nothing here
# names a benchmark page's facts.
MENU = [
    "Home", "News", "World", "Business", "Markets", "Technology", "Companies",
    "Economy", "Opinion", "Analysis", "Video", "Podcasts", "Sport", "Culture",
    "Science", "Health", "Climate", "Personal Finance", "Startups", "Mobile",
    "Sign in", "Subscribe", "Search", "Menu", "Latest", "Most popular",
    "Newsletters", "Events", "Jobs", "Advertise", "All sections",
]
TEASER_HEADS = [
    "Related articles", "You may also like", "Most read", "More from this section",
    "Recommended for you", "Trending now", "Editor's picks", "Read next",
]
TEASER_TAILS = ["Read more", "Watch now", "Listen", "See all", "Continue reading"]
FOOTER = [
    "Share this article", "Share on Facebook", "Share on Twitter", "Share on LinkedIn",
    "Email this page", "Print", "Comments", "Sign up for our daily newsletter",
    "Enter your email address", "Thank you for subscribing", "About us", "Contact us",
    "Careers", "Advertise with us", "Privacy policy", "Cookie policy", "Cookie settings",
    "Terms of use", "Accessibility", "Site map", "Help", "Follow us",
    "All rights reserved.", "Copyright {year} {site}. All rights reserved.",
    "Back to top", "Download our app",
]
BYLINES = ["By staff reporter", "By our correspondent", "Reporting by newsroom staff",
           "Editing by the business desk", "Staff writer", "Wire services"]
SITES = ["dailybusiness.example", "marketwire.example", "technewsdesk.example",
         "globalledger.example", "citytimes.example", "financepost.example",
         "mobilereport.example", "economywatch.example"]

NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w])")
# A capitalised word inside a sentence (after a lowercase word or a comma):
# mostly names, rarely sentence starts.
INNER_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\b")
STOP_NAMES = {"The", "This", "That", "These", "Those", "But", "And", "For", "With",
              "January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December", "Monday", "Tuesday",
              "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mr", "Mrs", "Ms"}
HTML_TEXT = re.compile(r">([^<]+)<")
HTML_PARA = re.compile(r"<p\b[^>]*>(?:(?!</?p\b).)*</p>", re.S)
BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
BODY_CLOSE = re.compile(r"</body\s*>", re.I)
DATE_LINE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")


def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?", s.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"bad size {s!r} (e.g. 100M, 1G)")
    mult = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    return int(float(m.group(1)) * mult)


def load_sources(args):
    texts, htmls = [], []
    for p in sorted((ROOT / "corpus").glob("*.txt")):
        raw = p.read_text(encoding="utf-8")
        m = DATE_LINE.match(raw)
        texts.append((m.group(1) if m else None, raw[m.end():] if m else raw))
    bench = ROOT.parent / "shared" / "bench"
    if args.bench_dir:
        bench = Path(args.bench_dir)
    for p in sorted((bench / "bbc_business").glob("*.txt")):
        texts.append((None, p.read_text(encoding="utf-8", errors="replace")))
    if args.html_share > 0:
        for p in sorted((bench / "aeb" / "html").glob("*.html.gz")):
            htmls.append(gzip.decompress(p.read_bytes()).decode("utf-8", errors="replace"))
    if not texts:
        sys.exit("no text sources found (corpus/*.txt)")
    return texts, htmls


def harvest(texts):
    """Names and headlines seen across the sources (pools for swaps/teasers)."""
    names, heads = {}, []
    for _, t in texts:
        first = t.strip().split("\n", 1)[0].strip()
        if 20 <= len(first) <= 120:
            heads.append(first)
        for m in INNER_NAME.finditer(t):
            n = m.group(1)
            if n.split()[0] not in STOP_NAMES:
                names[n] = names.get(n, 0) + 1
    pool = sorted(n for n, c in names.items() if c >= 2)
    return pool, heads


def fmt_like(value, intpart, frac):
    decimals = len(frac) - 1 if frac else 0
    s = f"{value:,.{decimals}f}" if "," in intpart else f"{value:.{decimals}f}"
    return s


def perturb_numbers(text, rng, p):
    def sub(m):
        intpart, frac = m.group(1), m.group(2)
        digits = intpart.replace(",", "")
        if rng.random() >= p:
            return m.group(0)
        if not frac and len(digits) == 4 and 1900 <= int(digits) <= 2099:
            return m.group(0)  # keep years: periods stay plausible
        if len(digits) > 15:
            return m.group(0)
        v = float(digits + (frac or ""))
        nv = v * rng.uniform(0.7, 1.4)
        if not frac:
            nv = max(1, round(nv))
        return fmt_like(nv, intpart, frac)

    return NUMBER.sub(sub, text)


def swap_names(text, rng, pool, k):
    if not pool or k == 0:
        return text
    found = []
    for m in INNER_NAME.finditer(text):
        n = m.group(1)
        if n.split()[0] not in STOP_NAMES and n not in found:
            found.append(n)
        if len(found) >= 12:
            break
    if not found:
        return text
    chosen = rng.sample(found, min(k, len(found)))
    mapping = {n: rng.choice(pool) for n in chosen}
    pat = re.compile(r"\b(" + "|".join(re.escape(n) for n in chosen) + r")\b")
    return pat.sub(lambda m: mapping[m.group(1)], text)


def shuffle_some(items, rng, swaps, lo=1):
    """Swap a few adjacent items after index lo (keeps headline/lead first)."""
    n = len(items)
    for _ in range(swaps):
        if n - lo < 2:
            break
        i = rng.randrange(lo, n - 1)
        items[i], items[i + 1] = items[i + 1], items[i]
    return items


def chrome_lines(rng, site, heads, year):
    top = rng.sample(MENU, rng.randint(4, 14))
    if rng.random() < 0.5:
        top.append(rng.choice(BYLINES))
    teaser = []
    if heads and rng.random() < 0.8:
        teaser.append(rng.choice(TEASER_HEADS))
        for h in rng.sample(heads, min(len(heads), rng.randint(2, 5))):
            teaser.append(h)
            if rng.random() < 0.4:
                teaser.append(rng.choice(TEASER_TAILS))
    foot = [f.format(year=year, site=site) for f in rng.sample(FOOTER, rng.randint(4, 10))]
    return top, teaser, foot


def make_text(src, rng, args, pool, heads, site, year):
    text = src
    text = perturb_numbers(text, rng, args.number_rate)
    text = swap_names(text, rng, pool, rng.randint(0, 2))
    sep = "\n\n" if "\n\n" in text.strip() else "\n"
    paras = [p for p in text.strip().split(sep) if p.strip()]
    paras = shuffle_some(paras, rng, rng.randint(0, 2), lo=2)
    top, teaser, foot = chrome_lines(rng, site, heads, year)
    parts = ["\n".join(top), sep.join(paras)]
    if teaser:
        parts.append("\n".join(teaser))
    parts.append("\n".join(foot))
    return "\n".join(parts) + "\n"


def make_html(src, rng, args, pool, heads, site, year):
    html = HTML_TEXT.sub(
        lambda m: ">" + perturb_numbers(m.group(1), rng, args.number_rate) + "<", src)
    html = swap_names(html, rng, pool, rng.randint(0, 1))
    paras = list(HTML_PARA.finditer(html))
    if len(paras) >= 4:
        order = shuffle_some(list(range(len(paras))), rng, rng.randint(0, 2), lo=2)
        out, last = [], 0
        for slot, m in enumerate(paras):
            out.append(html[last:m.start()])
            out.append(paras[order[slot]].group(0))
            last = m.end()
        out.append(html[last:])
        html = "".join(out)
    top, teaser, foot = chrome_lines(rng, site, heads, year)
    esc = lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    nav = "<nav class=\"gen-menu\"><ul>" + "".join(f"<li><a href=\"/{esc(x).lower().replace(' ', '-')}\">{esc(x)}</a></li>" for x in top) + "</ul></nav>"
    tail = ""
    if teaser:
        tail += "<aside class=\"gen-related\"><h3>" + esc(teaser[0]) + "</h3><ul>" + "".join(f"<li>{esc(x)}</li>" for x in teaser[1:]) + "</ul></aside>"
    tail += "<footer class=\"gen-footer\">" + "".join(f"<p>{esc(x)}</p>" for x in foot) + "</footer>"
    m = BODY_OPEN.search(html)
    html = html[:m.end()] + nav + html[m.end():] if m else nav + html
    m = BODY_CLOSE.search(html)
    html = html[:m.start()] + tail + html[m.start():] if m else html + tail
    return html


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=100_000, help="documents to write (default 100000)")
    ap.add_argument("--size", type=parse_size, default=None, help="stop once this many bytes of document text were written (e.g. 1G)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--format", default="jsonl", help="comma list of jsonl, jsonl.gz, dir (default jsonl)")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--html-share", type=float, default=0.02, help="fraction of documents made from AEB HTML pages (default 0.02; AEB pages are ~100x larger than text pages)")
    ap.add_argument("--number-rate", type=float, default=0.3, help="probability that a number is perturbed (default 0.3)")
    ap.add_argument("--bench-dir", default=None, help="bench data root (default ../shared/bench)")
    ap.add_argument("--gzip-level", type=int, default=3, help="gzip level for jsonl.gz (default 3)")
    args = ap.parse_args()

    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    for f in formats:
        if f not in ("jsonl", "jsonl.gz", "dir"):
            ap.error(f"unknown format {f!r}")
    texts, htmls = load_sources(args)
    pool, heads = harvest(texts)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sinks = []
    if "jsonl" in formats:
        sinks.append(open(out / "dump.jsonl", "w", encoding="utf-8", newline="\n"))
    if "jsonl.gz" in formats:
        # mtime=0 and no file name: the .gz bytes are deterministic too.
        raw = open(out / "dump.jsonl.gz", "wb")
        gz = gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=args.gzip_level, mtime=0)
        sinks.append(gz)
    base_day = datetime.date(2015, 1, 1).toordinal()
    written = docs = n_html = 0
    for i in range(args.count):
        if args.size is not None and written >= args.size:
            break
        rng = random.Random(zlib.crc32(f"{args.seed}:{i}".encode()))
        site = rng.choice(SITES)
        doc_id = f"gen{args.seed}-{i:08d}"
        url = f"https://{site}/news/{doc_id}"
        if htmls and rng.random() < args.html_share:
            year = rng.randint(2015, 2024)
            body = make_html(rng.choice(htmls), rng, args, pool, heads, site, year)
            rec = {"id": doc_id, "html": body, "url": url}
            date = None
            n_html += 1
        else:
            date, src = rng.choice(texts)
            if date is None and rng.random() < 0.85:
                date = datetime.date.fromordinal(base_day + rng.randrange(3650)).isoformat()
            year = int(date[:4]) if date else 2020
            body = make_text(src, rng, args, pool, heads, site, year)
            rec = {"id": doc_id, "text": body, "url": url}
            if date:
                rec["date"] = date
        if sinks:
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            for s in sinks:
                if isinstance(s, gzip.GzipFile):
                    s.write(line.encode("utf-8"))
                else:
                    s.write(line)
        if "dir" in formats:
            sub = out / "pages" / f"{i // 1000:04d}"
            if i % 1000 == 0:
                sub.mkdir(parents=True, exist_ok=True)
            if "html" in rec:
                (sub / f"{doc_id}.html").write_text(body, encoding="utf-8")
            else:
                page = (f" date {date} " if date else "") + body
                (sub / f"{doc_id}.txt").write_text(page, encoding="utf-8")
        written += len(body.encode("utf-8"))
        docs += 1
        if docs % 10000 == 0:
            print(f"{docs} documents, {written / 1e6:.0f} MB", file=sys.stderr)
    for s in sinks:
        s.close()
    if "jsonl.gz" in formats:
        raw.close()
    print(f"wrote {docs} documents ({n_html} HTML), {written / 1e6:.1f} MB of page text to {out} [{','.join(formats)}], seed {args.seed}", file=sys.stderr)


if __name__ == "__main__":
    main()
