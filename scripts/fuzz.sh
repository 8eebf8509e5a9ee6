#!/usr/bin/env bash
# Runs every cargo-fuzz target for a given time each.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Seeds come from the project's pages: corpus/*.txt, a few AEB HTML pages
# (from ../shared/bench/aeb/html, unzipped into a temporary directory, not
# into the repository), and JSONL records made from both. libFuzzer keeps
# what it finds in fuzz/corpus/<target> and crashes in fuzz/artifacts/<target>
# (both gitignored); copy a crash into fuzz/regressions/<target>/ so
# `cargo test` in fuzz/ replays it, and add a regression test for it.
# Environment: FUZZ_TARGET_DIR (default fuzz/target), AEB_PAGES (default 20),
# FUZZ_SANITIZER (default address; `none` runs several times more inputs per
# second, and the code under test has no unsafe blocks of its own).
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-60}
shift || true
all=(tokenize ingest jsonl html strip tag pipeline)
targets=("${@:-${all[@]}}")
target_dir=${FUZZ_TARGET_DIR:-fuzz/target}
aeb=../shared/bench/aeb/html

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/txt" "$seeds/html"
cp corpus/*.txt "$seeds/txt/"
if [ -d "$aeb" ]; then
    for f in $(ls "$aeb" | grep '\.html\.gz$' | sed -n "1,${AEB_PAGES:-20}p"); do
        # Long pages only slow the fuzzer down; keep the first 64 KiB.
        { gzip -dc "$aeb/$f" | head -c 65536 > "$seeds/html/${f%.gz}"; } || true
    done
else
    echo "note: $aeb not found, HTML seeds are the corpus pages only" >&2
fi
python3 - "$seeds" <<'PY'
import json, os, sys
root = sys.argv[1]
def pages(kind):
    d = os.path.join(root, kind)
    for name in sorted(os.listdir(d)):
        yield name, open(os.path.join(d, name), 'rb').read()
def put(target, name, data):
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, name), 'wb').write(data)
for kind, field, ingest_byte in (('txt', 'text', 0), ('html', 'html', 1)):
    for name, data in pages(kind):
        text = data.decode('utf-8', 'replace')
        rec = json.dumps({'id': name, field: text, 'date': '2017-08-01'}) + '\n'
        bad = json.dumps({'id': 5, field: [text[:200]]}) + '\n'
        put('jsonl', name, b'\x00' + rec.encode() + bad.encode())
        put('ingest', name, bytes([ingest_byte]) + data)
        put('ingest', name + '.jsonl', b'\x02' + rec.encode())
        put('strip', name, bytes([ingest_byte]) + data)
        if kind == 'html':
            put('html', name, data)
        else:
            # Sentence-sized seeds for the parsers of numbers, dates, claims.
            for i, line in enumerate(text.splitlines()):
                if any(c.isdigit() for c in line) and 20 < len(line) < 2000:
                    put('tag', f'{name}.{i}', b'\x07' + line.encode())
                    put('pipeline', f'{name}.{i}', b'\x07' + line.encode())
            put('tokenize', name, b'\x01\x00' + data)
            put('pipeline', name, b'\x07' + data)
PY

status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    echo "== $t: ${secs}s, seeds $(ls "$seeds/$t" | wc -l), kept $(ls "fuzz/corpus/$t" | wc -l)" >&2
    before=$(ls "fuzz/artifacts/$t" | wc -l)
    cargo +nightly fuzz run "$t" --fuzz-dir fuzz --target-dir "$target_dir" \
        --sanitizer "${FUZZ_SANITIZER:-address}" \
        "fuzz/corpus/$t" "$seeds/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 \
        2> "fuzz/artifacts/$t.log" || status=1
    grep -E '^#[0-9]+[[:space:]]+(DONE|INITED)|stat::number_of_executed_units|stat::new_units_added' \
        "fuzz/artifacts/$t.log" >&2 || true
    # A plateau shows as a long tail of executions that add no coverage.
    awk '/^#[0-9]+[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE)/ {
            n = substr($1, 2) + 0
            for (i = 2; i < NF; i++) if ($i == "cov:") cov = $(i + 1) + 0
            if (cov > best) { best = cov; at = n }
            last = n
         }
         END { if (last) printf "   cov %d, last raised at execution %d of %d\n", best, at, last }' \
        "fuzz/artifacts/$t.log" >&2
    after=$(ls "fuzz/artifacts/$t" | wc -l)
    if [ "$after" -gt "$before" ]; then
        echo "!! $t: $((after - before)) new crash/timeout inputs in fuzz/artifacts/$t" >&2
        status=1
    fi
done
exit $status
