#!/usr/bin/env bash
# The full-size hostile inputs of issue 9 that are too big for the debug
# test suite (crates/factsift-cli/tests/hostile.rs runs smaller versions):
# a 200 MB page in one line, and a JSONL line of 50 MB. Builds the release
# binary, then reports each run's exit code, wall time, peak memory and the
# messages, so "bounded memory, time linear in input size" can be read off.
#
#   scripts/fuzz_hostile_big.sh
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
CARGO_TARGET_DIR=$target_dir cargo build --release -p factsift-cli >&2
bin=$target_dir/release/factsift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sentence='Xiaomi shipped 23.16 million smartphones in the second quarter of 2017, the company said. '
python3 - "$work" "$sentence" <<'PY'
import json, sys
work, s = sys.argv[1], sys.argv[2]
with open(f'{work}/oneline-200mb.txt', 'w') as f:
    chunk = s * 10000
    n = 0
    while n < 200_000_000:
        f.write(chunk)
        n += len(chunk)
text = (s.strip() + '\n') * (50_000_000 // len(s))
with open(f'{work}/line-50mb.jsonl', 'w') as f:
    f.write(json.dumps({'id': 'huge', 'text': text}) + '\n')
    f.write(json.dumps({'id': 'after', 'text': s}) + '\n')
with open(f'{work}/oneline-50mb.txt', 'w') as f:
    f.write(s * (50_000_000 // len(s)))
PY
ls -l "$work" >&2

measure() {
    local label=$1
    shift
    local t0 t1 code=0
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M' -o "$work/rss" "$bin" "$@" > "$work/out" 2> "$work/err" || code=$?
    t1=$(date +%s.%N)
    printf '%-45s exit %s, %.2f s, peak RSS %s KB, %s output lines\n' \
        "$label" "$code" "$(echo "$t1 - $t0" | bc)" "$(tail -1 "$work/rss")" "$(wc -l < "$work/out")"
    grep -v '^factsift [a-z]*:' "$work/err" | head -3 | sed 's/^/    /'
}

cd "$work"
measure "200 MB one line, defaults (64 MiB limit)" extract oneline-200mb.txt
measure "200 MB one line, --max-doc-bytes 300000000" extract --max-doc-bytes 300000000 oneline-200mb.txt
measure "50 MB one line, --max-doc-bytes 300000000" tokenize --max-doc-bytes 300000000 oneline-50mb.txt
measure "50 MB JSONL line, tokenize" tokenize line-50mb.jsonl
measure "50 MB JSONL line, extract" extract line-50mb.jsonl
measure "50 MB JSONL line, --max-doc-bytes 1000000" tokenize --max-doc-bytes 1000000 line-50mb.jsonl
