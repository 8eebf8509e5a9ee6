#!/usr/bin/env bash
# Scores `factsift extract` against one gold file, on exactly the documents
# the gold file cites (its sources' `doc` ids, looked up in a directory).
#
#   scripts/eval_gold.sh GOLD.jsonl [DOC_DIR] [-- EVAL_ARGS...]
#
# DOC_DIR defaults to ../shared/bench/bbc_business for gold/bbc_*.jsonl and
# to corpus/ otherwise; a doc id names `<id>.txt` there (or a file whose name
# starts with `<id>`). Extra arguments after `--` go to `factsift eval`
# (`--show`, `--json`). Needs a release build (`cargo build --release`).
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:?usage: scripts/eval_gold.sh GOLD.jsonl [DOC_DIR] [-- EVAL_ARGS...]}
shift
case "$gold" in
    *bbc_*) dir=../shared/bench/bbc_business ;;
    *) dir=corpus ;;
esac
if [ $# -gt 0 ] && [ "$1" != "--" ]; then dir=$1; shift; fi
[ "${1:-}" = "--" ] && shift
bin=${FACTSIFT:-target/release/factsift}
pred=$(mktemp)
trap 'rm -f "$pred"' EXIT
mapfile -t files < <(python3 - "$gold" "$dir" <<'PY'
import json, os, sys
gold, root = sys.argv[1], sys.argv[2]
ids = set()
for line in open(gold, encoding='utf-8'):
    if line.strip():
        ids.update(s['doc'] for s in json.loads(line)['sources'])
names = sorted(os.listdir(root))
for doc in sorted(ids):
    hits = [n for n in names if n == doc + '.txt'] or [n for n in names if n.startswith(doc)]
    if not hits:
        sys.exit(f'{gold}: no file for doc {doc!r} in {root}')
    print(os.path.join(root, hits[0]))
PY
)
"$bin" extract -q "${files[@]}" -o "$pred"
"$bin" eval --gold "$gold" "$pred" "$@"
