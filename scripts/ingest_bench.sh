#!/usr/bin/env bash
# Ingestion throughput of factsift-ingest on its own (no later stage):
# builds the `ingest` example in release, generates a deterministic JSONL dump
# (text records from ../shared/bench/bbc_business and the seed pages, repeated
# to about SIZE_MB) plus its gzip, and a .warc.gz of the AEB pages, and reads
# each, and the bench directories. HTML inputs (WARC, AEB) include the cost of
# factsift-html's extraction.
# Usage: scripts/ingest_bench.sh [SIZE_MB]   (default 200)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-200}"
shared="../shared/bench"
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p factsift-ingest --example ingest
bin="$target/release/examples/ingest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work/dump.jsonl" "$size_mb" "$shared/bbc_business" corpus <<'PY'
import json, os, sys
out, size_mb, dirs = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
pages = []
for d in dirs:
    for name in sorted(os.listdir(d)):
        if name.endswith(".txt"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                pages.append(f.read())
limit, n = size_mb * 1_000_000, 0
with open(out, "w", encoding="utf-8") as f:
    written = 0
    while written < limit:
        line = json.dumps({"id": f"doc{n:07d}", "text": pages[n % len(pages)]}) + "\n"
        f.write(line)
        written += len(line.encode())
        n += 1
print(f"generated {n} records, {written / 1e6:.0f} MB", file=sys.stderr)
PY
gzip -k -1 "$work/dump.jsonl"

# A WARC of the AEB pages as HTTP responses (one gzip member per record, as
# crawls store them), repeated to about SIZE_MB / 4 of HTML.
python3 - "$work/dump.warc.gz" "$((size_mb / 4))" "$shared/aeb/html" <<'PY'
import gzip, os, sys
out, size_mb, src = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pages = [gzip.open(os.path.join(src, n)).read() for n in sorted(os.listdir(src)) if n.endswith(".html.gz")]
limit, n, written = size_mb * 1_000_000, 0, 0
with open(out, "wb") as f:
    while written < limit:
        page = pages[n % len(pages)]
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + page
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{n:08d}>\r\n"
                f"WARC-Target-URI: https://news.example/{n}\r\nWARC-Date: 2017-10-02T08:00:00Z\r\n"
                f"Content-Length: {len(block)}\r\n\r\n").encode()
        f.write(gzip.compress(head + block + b"\r\n\r\n", compresslevel=1))
        written += len(page)
        n += 1
print(f"generated a WARC of {n} responses, {written / 1e6:.0f} MB of HTML", file=sys.stderr)
PY

# Wall time suffers when the 2 cores are shared; user+sys CPU time does not.
run() {
    echo "== $*" >&2
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "cpu user %U s, sys %S s; wall %e s; peak RSS %M KB" "$bin" "$@" >/dev/null
    else
        "$bin" "$@" >/dev/null
    fi
}
run "$work/dump.jsonl"
run "$work/dump.jsonl.gz"
run "$work/dump.warc.gz"
run "$shared/bbc_business"
run "$shared/aeb/html"
run corpus
