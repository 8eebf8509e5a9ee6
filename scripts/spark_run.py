#!/usr/bin/env python3
"""Run factsift over a JSONL dump on Apache Spark (local mode here, a cluster alike).

Map:    the documents (JSONL lines {"id","text"|"html","date"?,"url"?}) are
        repartitioned into N partitions and each partition is piped through
        `factsift extract -q --single-pass --emit partial -` (RDD.pipe): its
        canonical facts followed by one {"sketch":...} line per document.
Reduce: `--reduce files` (default) saves the partials as part files (in
        --work, which must be on a filesystem the driver sees) and runs
        `factsift merge` over them; `--reduce tree` merges partitions pairwise
        on the executors with `factsift merge --partial` (RDD.treeReduce) and
        ends with one `factsift merge`. merge is associative and commutative,
        so the facts do not depend on N or on the partitioning.
--compare runs a single-process `factsift extract --single-pass` over the same
documents and exits 1 unless both fact files are byte-identical.

  scripts/.venv-spark/bin/python scripts/spark_run.py DUMP.jsonl[.gz] -o facts.jsonl \
      --partitions 8 [--reduce tree] [--compare] [--factsift target/release/factsift]

The factsift binary comes from --factsift, else $FACTSIFT_BIN, else
target/release/factsift (it must exist at the same path on every executor).
"""

import argparse
import filecmp
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def merge_pair(binary, a, b):
    """Reduce step on an executor: two partial streams -> one partial stream."""
    with tempfile.TemporaryDirectory(prefix="factsift-merge-") as d:
        pa, pb = os.path.join(d, "a.jsonl"), os.path.join(d, "b.jsonl")
        with open(pa, "w", encoding="utf-8") as f:
            f.write(a)
        with open(pb, "w", encoding="utf-8") as f:
            f.write(b)
        out = subprocess.run([binary, "merge", "--partial", pa, pb], check=True,
                             stdout=subprocess.PIPE).stdout
        return out.decode("utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="JSONL document files (.gz ok; globs and dirs as Spark reads them)")
    ap.add_argument("-o", "--output", required=True, help="final facts (JSONL)")
    ap.add_argument("--partitions", type=int, default=4, help="map tasks (default 4)")
    ap.add_argument("--reduce", choices=["files", "tree"], default="files")
    ap.add_argument("--master", default=os.environ.get("SPARK_MASTER"),
                    help="Spark master (default: spark-submit's, else local[*])")
    ap.add_argument("--factsift", default=os.environ.get("FACTSIFT_BIN", str(ROOT / "target/release/factsift")))
    ap.add_argument("--work", default=None, help="directory for part files (default: a temp dir, removed)")
    ap.add_argument("--compare", action="store_true", help="also run single-process extract and require identical bytes")
    args = ap.parse_args()

    binary = os.path.abspath(args.factsift)
    if not os.access(binary, os.X_OK):
        sys.exit(f"factsift binary not found or not executable: {binary} (cargo build --release -p factsift-cli)")
    inputs = [os.path.abspath(p) for p in args.inputs]
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)

    from pyspark.sql import SparkSession

    t0 = time.time()
    builder = SparkSession.builder
    if args.master:
        builder = builder.master(args.master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # plain python, not spark-submit
        builder = builder.master("local[*]")
    spark = (builder.appName("factsift")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "1g"))
             .getOrCreate())
    sc = spark.sparkContext
    sc.setLogLevel("ERROR")
    t_start = time.time()

    own_work = args.work is None
    work = tempfile.mkdtemp(prefix="factsift-spark-") if own_work else os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    try:
        docs = sc.textFile(",".join(inputs)).filter(lambda l: l.strip() != "")
        mapped = docs.repartition(args.partitions).pipe(
            f"{binary} extract -q --single-pass --emit partial -",
            env={"RUST_BACKTRACE": "1"})
        final = os.path.abspath(args.output)
        if args.reduce == "files":
            parts_dir = os.path.join(work, "partials")
            shutil.rmtree(parts_dir, ignore_errors=True)
            mapped.saveAsTextFile(parts_dir)
            parts = sorted(glob.glob(os.path.join(parts_dir, "part-*")))
            t_map = time.time()
            subprocess.run([binary, "merge", "-o", final, *parts], check=True)
        else:
            b = binary
            whole = mapped.mapPartitions(lambda it: ["".join(line + "\n" for line in it)])
            partial = whole.treeReduce(lambda x, y: merge_pair(b, x, y), depth=2)
            t_map = time.time()
            last = os.path.join(work, "tree-partial.jsonl")
            with open(last, "w", encoding="utf-8") as f:
                f.write(partial)
            subprocess.run([binary, "merge", "-o", final, last], check=True)
        n_docs = docs.count()
        t_end = time.time()
        spark.stop()
        size = sum(os.path.getsize(p) for p in inputs if os.path.isfile(p))
        with open(final, encoding="utf-8") as f:
            n_facts = sum(1 for _ in f)
        wall = t_end - t_start
        print(json.dumps({
            "documents": n_docs, "input_bytes": size, "partitions": args.partitions,
            "reduce": args.reduce, "facts": n_facts, "spark_startup_seconds": round(t_start - t0, 2),
            "map_reduce_seconds": round(wall, 2), "map_seconds": round(t_map - t_start, 2),
            "docs_per_second": round(n_docs / wall, 1) if wall else None,
            "mb_per_second": round(size / 1e6 / wall, 3) if wall else None,
        }), file=sys.stderr)
        if args.compare:
            single = os.path.join(work, "single.jsonl")
            t1 = time.time()
            subprocess.run([binary, "extract", "-q", "--single-pass", "-o", single, *inputs], check=True)
            print(f"single-process extract: {time.time() - t1:.2f} s", file=sys.stderr)
            if filecmp.cmp(single, final, shallow=False):
                print(f"identical: Spark facts == single-process facts ({n_facts} facts)", file=sys.stderr)
            else:
                a = open(single, encoding="utf-8").read().splitlines()
                b2 = open(final, encoding="utf-8").read().splitlines()
                first = next((i for i, (x, y) in enumerate(zip(a, b2)) if x != y), min(len(a), len(b2)))
                print(f"DIFFERENT: single {len(a)} facts, spark {len(b2)} facts; first difference at line {first + 1}",
                      file=sys.stderr)
                if first < len(a):
                    print(f"  single: {a[first][:300]}", file=sys.stderr)
                if first < len(b2):
                    print(f"  spark:  {b2[first][:300]}", file=sys.stderr)
                sys.exit(1)
    finally:
        if own_work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
