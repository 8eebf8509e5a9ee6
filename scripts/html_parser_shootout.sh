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
