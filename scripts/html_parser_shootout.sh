#!/usr/bin/env bash
# Measures candidate HTML parsers (scraper/html5ever, tl, lol_html, html5gum)
# against factsift-html on the AEB pages: pages/s and MB/s single-threaded
# (release), and whether a 100,000-deep document parses on a 2 MB stack.
# The shootout is a standalone cargo project so its dependencies stay out of
# the workspace. usage: scripts/html_parser_shootout.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/shootout}"
cargo build --release --quiet --manifest-path crates/factsift-html/shootout/Cargo.toml
"$CARGO_TARGET_DIR/release/factsift-html-shootout" "${1:-../shared/bench/aeb/html}"
# CPU time per round (less distorted by a loaded machine than wall time):
# task-clock of 11 rounds minus that of 1 round, over 10.
if command -v perf >/dev/null; then
  bin="$CARGO_TARGET_DIR/release/factsift-html-shootout"
  mb=$(find "${1:-../shared/bench/aeb/html}" -name '*.html.gz' -exec zcat {} + | wc -c)
  pages=$(find "${1:-../shared/bench/aeb/html}" -name '*.html.gz' | wc -l)
  for name in factsift-html 'scraper(html5ever)' tl lol_html 'html5gum(tokenizer only)'; do
    t1=$(perf stat -x, -e task-clock "$bin" --only "$name" 1 "${1:-../shared/bench/aeb/html}" 2>&1 >/dev/null | cut -d, -f1)
    t11=$(perf stat -x, -e task-clock "$bin" --only "$name" 11 "${1:-../shared/bench/aeb/html}" 2>&1 >/dev/null | cut -d, -f1)
    python3 -c "r=($t11-$t1)/10/1000; print(f'{\"$name\":<26} CPU {r*1000:7.1f} ms/round = {$pages/r:6.0f} pages/s, {$mb/1e6/r:6.1f} MB/s')"
  done
fi
