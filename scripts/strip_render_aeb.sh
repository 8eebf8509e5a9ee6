#!/usr/bin/env bash
# Render the AEB benchmark pages to text the way a scraper does (w3m -dump),
# as JSONL records {"id","url","text"} for the text-page boilerplate test.
#
# Usage: scripts/strip_render_aeb.sh [OUT]   (default OUT: bench-out/aeb-w3m.jsonl, not committed)
# Needs w3m (installed from Debian's packages when missing and running as root)
# and python3 (only for JSON encoding).
set -euo pipefail
cd "$(dirname "$0")/.."
AEB=../shared/bench/aeb
OUT=${1:-bench-out/aeb-w3m.jsonl}
if ! command -v w3m >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y w3m >/dev/null || { apt-get update >/dev/null && apt-get install -y w3m >/dev/null; }
  else
    echo "w3m is missing: install it (apt-get install -y w3m)" >&2
    exit 1
  fi
fi
mkdir -p "$(dirname "$OUT")"
python3 - "$AEB" "$OUT" <<'PY'
import gzip, json, os, subprocess, sys
aeb, out = sys.argv[1], sys.argv[2]
truth = json.load(open(os.path.join(aeb, "ground-truth.json"), encoding="utf-8"))
n = 0
with open(out + ".tmp", "w", encoding="utf-8") as f:
    for pid in sorted(truth):
        html = gzip.open(os.path.join(aeb, "html", pid + ".html.gz")).read()
        text = subprocess.run(
            ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols", "5000"],
            input=html, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True,
        ).stdout.decode("utf-8", "replace")
        f.write(json.dumps({"id": pid, "url": truth[pid].get("url"), "text": text}, ensure_ascii=False) + "\n")
        n += 1
os.replace(out + ".tmp", out)
print(f"rendered {n} pages into {out}", file=sys.stderr)
PY
