#!/usr/bin/env bash
# Source coverage of the project's own code (crates/) reached by each fuzz
# target's kept corpus (fuzz/corpus/<target>).
#
#   scripts/fuzz_coverage.sh [--before TIME] [TARGET...]
#
# This is the plateau measure for a fuzzing campaign. libFuzzer's `cov:`
# counts edges anywhere in the binary, so it keeps rising while the fuzzer
# explores std and dependencies (Unicode tables, the allocator, hashing)
# long after the project's own code stopped yielding anything new.
#
# With --before TIME (anything `find -newermt` takes, e.g. "2026-11-23
# 09:25"), it measures twice: the corpus files older than TIME, then the
# whole corpus, and prints what the newer files added, file by file. Run it
# after a fuzzing round, with TIME the round's start: "+0 regions" means the
# round found no new path through the project's code.
#
# Needs a nightly toolchain, cargo-fuzz and the nightly llvm-tools
# (`rustup component add llvm-tools-preview --toolchain nightly`).
# Environment: COVERAGE_TARGET_DIR (default fuzz/target-coverage; kept apart
# from the fuzzing build so neither rebuilds the other).
set -euo pipefail
cd "$(dirname "$0")/.."

before=
if [ "${1:-}" = "--before" ]; then
    before=$2
    shift 2
fi
all=(tokenize ingest jsonl html strip tag pipeline)
targets=("${@:-${all[@]}}")
target_dir=${COVERAGE_TARGET_DIR:-fuzz/target-coverage}
llvm_bin=$(dirname "$(find "$(rustc +nightly --print sysroot)" -name llvm-cov -type f | head -1)")
if [ ! -x "$llvm_bin/llvm-cov" ]; then
    echo "llvm-cov not found: rustup component add llvm-tools-preview --toolchain nightly" >&2
    exit 2
fi
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Per-file "covered total" region counts of crates/ for one profile.
regions() {
    "$llvm_bin/llvm-cov" report "$1" -instr-profile="$2" "$PWD/crates" |
        awk '$1 ~ /\.rs$/ { print $1, $2 - $3, $2 }'
}

# Runs target $1 over the corpus directory $2; prints its region counts.
measure() {
    rm -rf "fuzz/coverage/$1"
    cargo +nightly fuzz coverage "$1" --fuzz-dir fuzz --target-dir "$target_dir" "$2" \
        > "$work/$1.log" 2>&1 || { tail -20 "$work/$1.log" >&2; return 1; }
    regions "$target_dir/$triple/release/$1" \
        "fuzz/coverage/$1/coverage.profdata"
}

for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    total=$(find "$corpus" -type f | wc -l)
    if [ -z "$before" ]; then
        measure "$t" "$corpus" > "$work/all"
        awk -v t="$t" -v n="$total" '{ c += $2; r += $3 }
            END { printf "%s: %d files; crates/ regions covered %d of %d\n", t, n, c, r }' "$work/all"
        continue
    fi
    mkdir -p "$work/old-$t"
    find "$corpus" -type f ! -newermt "$before" -exec cp {} "$work/old-$t/" \;
    old=$(find "$work/old-$t" -type f | wc -l)
    measure "$t" "$work/old-$t" > "$work/old"
    measure "$t" "$corpus" > "$work/all"
    awk -v t="$t" -v n="$total" -v o="$old" '
        NR == FNR { was[$1] = $2; next }
        { c += $2; r += $3; d = $2 - was[$1]; oc += was[$1]
          if (d != 0) changed = changed sprintf("\n    %s %+d", $1, d) }
        END { printf "%s: %d files (%d older); crates/ regions covered %d -> %d of %d (%+d)%s\n",
                     t, n, o, oc, c, r, c - oc, changed }' "$work/old" "$work/all"
done
