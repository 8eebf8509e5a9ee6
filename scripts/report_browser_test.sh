#!/usr/bin/env bash
# Browser test of the HTML run report (issue 10).
#
# Builds the report of corpus/ (scored against gold/seeds.jsonl), opens it in
# headless Chromium for each view (index, facts, score, a document with a
# highlighted fact sentence), checks the rendered DOM for the expected
# elements and that the page logged nothing to the console (no uncaught
# errors), and saves a screenshot. Then builds a 10,000-document report
# (the corpus repeated with changed ids) and checks that it opens within a
# time bound, printing the load time.
#
# Usage: scripts/report_browser_test.sh [SCREENSHOT.png]
#   REPORT_BIG_DOCS=N   documents in the large report (default 10000; 0 skips it)
#   REPORT_BIG_LIMIT=S  seconds Chromium may take to open the large report and dump
#                       its DOM (default 180; the page itself reports its own load
#                       time, navigation start to rendered, as data-load-ms)
# Exits 0 with "skipped: chromium not installed" when Chromium is missing
# and cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

find_chromium() {
    for c in chromium chromium-browser google-chrome; do
        if command -v "$c" >/dev/null 2>&1; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

CHROMIUM=$(find_chromium || true)
if [ -z "$CHROMIUM" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium (apt-get install -y chromium chromium-driver)..."
    apt-get install -y chromium chromium-driver >/dev/null 2>&1 || true
    CHROMIUM=$(find_chromium || true)
fi
if [ -z "$CHROMIUM" ]; then
    echo "skipped: chromium not installed"
    exit 0
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
SHOT=${1:-$(mktemp -d)/report.png}
BIG_DOCS=${REPORT_BIG_DOCS:-10000}
BIG_LIMIT=${REPORT_BIG_LIMIT:-180}

# The report builder: `factsift report` when the CLI has it, else the example.
if [ -x target/debug/factsift ] && target/debug/factsift report --help >/dev/null 2>&1; then
    build_report() { target/debug/factsift report "$@"; }
    echo "using: target/debug/factsift report"
else
    cargo build -q -p factsift-report --example report
    EXAMPLE="${CARGO_TARGET_DIR:-target}/debug/examples/report"
    build_report() { "$EXAMPLE" "$@"; }
    echo "using: $EXAMPLE"
fi

chrome() {
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$WORK")" --enable-logging=stderr --v=0 \
        --hide-scrollbars --window-size=1400,1000 "$@"
}

fail=0
check() { # check NAME FILE PATTERN MIN_COUNT
    local n
    n=$(grep -o -- "$3" "$2" | wc -l)
    if [ "$n" -ge "$4" ]; then
        echo "ok   $1 ($n)"
    else
        echo "FAIL $1: found $n of pattern '$3', want >= $4"
        fail=1
    fi
}
no_console() { # no_console NAME STDERR_FILE
    if grep -E "CONSOLE|Uncaught" "$2" >/dev/null; then
        echo "FAIL $1: console output:"
        grep -E "CONSOLE|Uncaught" "$2" | head -5
        fail=1
    else
        echo "ok   $1: no console errors"
    fi
}

REPORT="$WORK/report.html"
build_report corpus/ --gold gold/seeds.jsonl -o "$REPORT" 2>&1
DOCS=$(find corpus -name '*.txt' | wc -l)
URL="file://$REPORT"

# Every document has its own JSON block; `</script>` cannot appear inside one.
check "embedded document blocks" "$REPORT" 'type="application/json" id="doc-' "$DOCS"

chrome --virtual-time-budget=5000 --dump-dom "$URL#index" >"$WORK/index.html" 2>"$WORK/index.err" || true
check "index rows (one per document)" "$WORK/index.html" '<tr data-n="[0-9]*"><td class="num">[0-9]*</td><td><a href="#doc/[0-9]*">' "$DOCS"
check "index links to documents" "$WORK/index.html" 'href="#doc/[0-9]*"' "$DOCS"
no_console "index" "$WORK/index.err"

chrome --virtual-time-budget=5000 --dump-dom "$URL#facts" >"$WORK/facts.html" 2>"$WORK/facts.err" || true
check "facts table rows" "$WORK/facts.html" '<tr data-n="[0-9]*"><td class="num">[0-9]*</td><td>[0-9a-f]*</td>' 5
check "fact sources link to documents" "$WORK/facts.html" 'class="src" href="#doc/' 5
check "gold status per fact" "$WORK/facts.html" 'class="badge st-' 5
no_console "facts" "$WORK/facts.err"

chrome --virtual-time-budget=5000 --dump-dom "$URL#gold" >"$WORK/gold.html" 2>"$WORK/gold.err" || true
check "score summary (strict and lenient)" "$WORK/gold.html" '<td>strict</td><td class="num">[0-9.]*%' 1
check "score summary lenient row" "$WORK/gold.html" '<td>lenient</td>' 1
no_console "gold" "$WORK/gold.err"

# A document view with a fact's source sentence highlighted: take the first
# source link of the facts table.
SRC=$(grep -o 'href="#doc/[0-9]*/[0-9]*/[0-9]*"' "$WORK/facts.html" | head -1 | sed 's/href="//; s/"$//')
chrome --virtual-time-budget=5000 --dump-dom "$URL$SRC" >"$WORK/doc.html" 2>"$WORK/doc.err" || true
check "document text rendered" "$WORK/doc.html" 'id="doc-text" class="doctext"><span' 1
check "highlighted number" "$WORK/doc.html" 'class="[^"]*qty qty-[a-z]*[^"]*" title="[a-z]*: ' 1
check "highlighted entity" "$WORK/doc.html" 'class="[^"]*ent ent-[A-Z]*' 1
check "fact sentence highlighted" "$WORK/doc.html" 'data-hl=""' 1
check "document facts list" "$WORK/doc.html" 'class="doc-fact"' 1
no_console "document $SRC" "$WORK/doc.err"

# Dropped boilerplate greyed out with its reason: the first document that has some.
DROPDOC=$(grep -o '"dropped":[0-9]*,"entities"' "$REPORT" \
    | awk -F'[:,]' '{ if ($2 > 0 && !found) { print NR - 1; found = 1 } }' || true)
if [ -n "$DROPDOC" ]; then
    chrome --virtual-time-budget=5000 --dump-dom "$URL#doc/$DROPDOC" >"$WORK/drop.html" 2>"$WORK/drop.err" || true
    check "dropped boilerplate labelled (doc $DROPDOC)" "$WORK/drop.html" 'class="droplab">[a-z]*<' 1
    no_console "document $DROPDOC" "$WORK/drop.err"
fi

# Headless Chromium captures a scrolled page offset (blank above), so the
# screenshot is of the top of that document's view, unscrolled.
SHOTDOC=$(echo "$SRC" | cut -d/ -f1-2)
chrome --virtual-time-budget=5000 --window-size=1400,1400 --screenshot="$SHOT" "$URL$SHOTDOC" >/dev/null 2>&1 || true
if [ -s "$SHOT" ]; then echo "ok   screenshot: $SHOT"; else echo "FAIL screenshot not written"; fail=1; fi

if [ "$BIG_DOCS" -gt 0 ]; then
    COPIES=$(((BIG_DOCS + DOCS - 1) / DOCS))
    BIG="$WORK/big.html"
    if [ -n "${EXAMPLE:-}" ]; then
        "$EXAMPLE" corpus/ --copies "$COPIES" -o "$BIG" 2>/dev/null
    else
        mkdir -p "$WORK/bigcorpus"
        for k in $(seq 1 "$COPIES"); do
            for f in corpus/*.txt; do cp "$f" "$WORK/bigcorpus/$(basename "$f" .txt)~$k.txt"; done
        done
        build_report "$WORK/bigcorpus" -o "$BIG" 2>/dev/null
    fi
    SIZE=$(du -m "$BIG" | cut -f1)
    last=$((DOCS * COPIES - 1))
    for route in "#index" "#facts" "#doc/$last"; do
        start=$(date +%s%N)
        timeout "$BIG_LIMIT" "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$(mktemp -d -p "$WORK")" --enable-logging=stderr --v=0 \
            --dump-dom "file://$BIG$route" >"$WORK/big.dom" 2>"$WORK/big.err" || true
        ms=$((($(date +%s%N) - start) / 1000000))
        secs="$((ms / 1000)).$(printf %03d $((ms % 1000)))"
        if grep -q 'data-ready="1"' "$WORK/big.dom"; then
            inpage=$(grep -o 'data-load-ms="[0-9]*"' "$WORK/big.dom" | head -1 | tr -dc 0-9)
            echo "ok   $((DOCS * COPIES))-document report (${SIZE} MB) $route: page loaded and rendered in ${inpage} ms (in page); chromium start + load + DOM dump ${secs}s (limit ${BIG_LIMIT}s)"
        else
            echo "FAIL $((DOCS * COPIES))-document report $route did not render within ${BIG_LIMIT}s"
            fail=1
        fi
        no_console "large report $route" "$WORK/big.err"
    done
fi

if [ "$fail" -ne 0 ]; then
    echo "report browser test FAILED"
    exit 1
fi
echo "report browser test passed"
