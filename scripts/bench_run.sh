#!/usr/bin/env bash
# Whole-run benchmark of `factsift extract`: documents/s, MB/s and peak RSS,
# with 1 thread and with all cores, median of REPEAT runs, all in one go so
# the ratios compare like with like on a noisy machine.
#
#   scripts/bench_run.sh [INPUT...]      (default: ../shared/bench/bbc_business)
#   REPEAT=7 scripts/bench_run.sh corpus/
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=("$@")
[ ${#inputs[@]} -gt 0 ] || inputs=(../shared/bench/bbc_business)
repeat=${REPEAT:-5}
cargo build --release -q -p factsift-cli
bin=target/release/factsift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for threads in 1 "$(nproc)"; do
  for i in $(seq "$repeat"); do
    /usr/bin/time -f "%M" -o "$work/rss" "$bin" extract -q -j "$threads" --stats "$work/stats.json" "${inputs[@]}" >/dev/null
    python3 - "$work/stats.json" "$work/rss" >>"$work/runs-$threads" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
rss_kb = int(open(sys.argv[2]).read().split()[-1])
print(s["ingest"]["documents"], s["seconds"], s["docs_per_second"], s["mb_per_second"], rss_kb)
PY
  done
done

python3 - "$work" "$(nproc)" "${inputs[*]}" <<'PY'
import statistics, sys
work, cores, inputs = sys.argv[1], sys.argv[2], sys.argv[3]
print(f"factsift extract {inputs}: median of runs")
print(f"{'threads':>7} {'docs':>7} {'seconds':>8} {'docs/s':>9} {'MB/s':>7} {'peak RSS MB':>12}")
for t in ["1", cores]:
    rows = [list(map(float, l.split())) for l in open(f"{work}/runs-{t}")]
    med = lambda i: statistics.median(r[i] for r in rows)
    print(f"{t:>7} {int(rows[0][0]):>7} {med(1):>8.3f} {med(2):>9.0f} {med(3):>7.1f} {med(4)/1024:>12.1f}")
PY
